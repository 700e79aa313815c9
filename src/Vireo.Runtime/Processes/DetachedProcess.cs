using System.Runtime.InteropServices;

namespace Vireo.Runtime.Processes;

/// <summary>
/// Starts a program the way a daemon's child should run: from an argument list (never a
/// shell), in a session and process group of its own (so a terminal hang-up or Ctrl-C aimed
/// at the caller does not reach it and it outlives the caller), standard input from
/// <c>/dev/null</c>, standard output and error appended to a log file, default signal
/// dispositions and an empty signal mask, only the given environment, and no other open
/// descriptor. Uses <c>posix_spawn</c> with <c>POSIX_SPAWN_SETSID</c>.
/// </summary>
internal static class DetachedProcess
{
    /// <summary>Starts the program and returns its process id.</summary>
    /// <exception cref="RuntimeException">The program could not be started (missing, not executable...).</exception>
    public static int Spawn(SpawnRequest request)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new RuntimeException("starting guests is only supported on Linux");
        }

        var allocations = new List<IntPtr>();
        var actions = Alloc(allocations, Libc.OpaqueBytes);
        var attributes = Alloc(allocations, Libc.OpaqueBytes);
        var emptySet = Alloc(allocations, Libc.OpaqueBytes);
        var fullSet = Alloc(allocations, Libc.OpaqueBytes);
        var actionsReady = false;
        var attributesReady = false;
        try
        {
            Check(Libc.FileActionsInit(actions), "posix_spawn_file_actions_init");
            actionsReady = true;
            Check(Libc.AttrInit(attributes), "posix_spawnattr_init");
            attributesReady = true;

            Check(Libc.FileActionsAddOpen(actions, 0, "/dev/null", Libc.O_RDONLY, 0), "posix_spawn_file_actions_addopen");
            Check(Libc.FileActionsAddOpen(actions, 1, request.OutputPath, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND, 0x180), "posix_spawn_file_actions_addopen");
            Check(Libc.FileActionsAddDup2(actions, 1, 2), "posix_spawn_file_actions_adddup2");
            AddChdir(actions, request.WorkingDirectory);
            AddCloseFrom(actions);

            Check(Libc.SigEmptySet(emptySet), "sigemptyset");
            Check(Libc.SigFillSet(fullSet), "sigfillset");
            Check(Libc.AttrSetSigMask(attributes, emptySet), "posix_spawnattr_setsigmask");
            Check(Libc.AttrSetSigDefault(attributes, fullSet), "posix_spawnattr_setsigdefault");
            Check(Libc.AttrSetFlags(attributes, (short)(Libc.POSIX_SPAWN_SETSID | Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF)), "posix_spawnattr_setflags");

            var argv = StringVector(allocations, [request.Executable, .. request.Arguments]);
            var envp = StringVector(allocations, [.. request.Environment.Select(kv => kv.Key + "=" + kv.Value)]);
            var error = Libc.PosixSpawn(out var pid, request.Executable, actions, attributes, argv, envp);
            if (error != 0)
            {
                throw new RuntimeException($"cannot start '{request.Executable}': {Marshal.GetPInvokeErrorMessage(error)}");
            }

            return pid;
        }
        finally
        {
            if (actionsReady)
            {
                _ = Libc.FileActionsDestroy(actions);
            }

            if (attributesReady)
            {
                _ = Libc.AttrDestroy(attributes);
            }

            foreach (var p in allocations)
            {
                Marshal.FreeHGlobal(p);
            }
        }
    }

    private static void AddChdir(IntPtr actions, string directory)
    {
        try
        {
            Check(Libc.FileActionsAddChdir(actions, directory), "posix_spawn_file_actions_addchdir_np");
        }
        catch (EntryPointNotFoundException)
        {
            // An older C library: the program starts in the caller's directory.
        }
    }

    // Descriptors this process inherited without close-on-exec (a caller's pipes) must not
    // reach QEMU: they would keep the caller waiting for an end of file until QEMU exits.
    private static void AddCloseFrom(IntPtr actions)
    {
        try
        {
            Check(Libc.FileActionsAddCloseFrom(actions, 3), "posix_spawn_file_actions_addclosefrom_np");
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.34: .NET's own descriptors are close-on-exec anyway.
        }
    }

    private static IntPtr Alloc(List<IntPtr> allocations, int bytes)
    {
        var p = Marshal.AllocHGlobal(bytes);
        allocations.Add(p);
        unsafe
        {
            new Span<byte>((void*)p, bytes).Clear();
        }

        return p;
    }

    private static IntPtr[] StringVector(List<IntPtr> allocations, IReadOnlyList<string> items)
    {
        var vector = new IntPtr[items.Count + 1];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Contains('\0', StringComparison.Ordinal))
            {
                throw new RuntimeException("a QEMU argument or environment value contains a NUL character");
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(items[i]);
            vector[i] = Alloc(allocations, bytes.Length + 1);
            Marshal.Copy(bytes, 0, vector[i], bytes.Length);
        }

        return vector;
    }

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new RuntimeException($"{call} failed: {Marshal.GetPInvokeErrorMessage(result)}");
        }
    }
}
