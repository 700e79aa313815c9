using System.Diagnostics;
using Vireo.Runtime.Control;
using Vireo.Runtime.Launch;
using Vireo.Runtime.State;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.State;

/// <summary>
/// Issue #7 part 5: state files are written atomically. A helper process writes a domain's
/// record, pid file, live XML and NVRAM copy in a loop — versions A and B alternately, through
/// the runtime's own code — and is SIGKILLed at seeded random moments, 200 times. After every
/// kill each file is byte for byte version A or version B (never torn, never missing), the
/// runtime's readers accept it, and the temporary files a kill leaves behind confuse nothing.
/// </summary>
public class CrashSafetyTests
{
    private const string Name = "crashy";
    private const int Kills = 200;
    private const int Seed = 20261121;

    /// <summary>The kill lands within this many rounds (as long as the helper measured one) after both versions are on disk.</summary>
    private const double MaxDelayRounds = 2.5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Files(StateDirectory state)
    {
        var paths = state.Paths(Name);
        return [paths.RecordFile, paths.PidFile, paths.LiveXmlFile, Path.Combine(paths.NvramDirectory, Name + "_VARS.fd")];
    }

    private static async Task<byte[][]> ExpectedAsync(string root, char version)
    {
        await StateWriterProcess.WriteOnceAsync(root, Name, version, Ct);
        return [.. Files(new StateDirectory(root)).Select(File.ReadAllBytes)];
    }

    private static int TempFiles(StateDirectory state) =>
        new[] { state.Paths(Name).Directory, state.Paths(Name).NvramDirectory }
            .SelectMany(Directory.EnumerateFiles)
            .Count(f => AtomicFile.IsTempFile(Path.GetFileName(f)));

    /// <summary>
    /// 200 kills with the state in tmpfs (<c>/dev/shm</c>), where a round takes about a
    /// millisecond, and 20 more on the test directory's disk file system, where the fsyncs make a
    /// round last tens of milliseconds. A SIGKILL tests that the rename is atomic whatever the
    /// file system; what fsync adds (surviving a power cut) cannot be tested by killing a process.
    /// </summary>
    [Theory]
    [InlineData("tmpfs", Kills)]
    [InlineData("disk", 20)]
    public async Task Killing_the_writer_at_random_points_leaves_every_file_old_or_new(string fileSystem, int kills)
    {
        using var temp = new TempState();
        var a = await ExpectedAsync(Path.Combine(temp.Root, "expect-a"), 'A');
        var b = await ExpectedAsync(Path.Combine(temp.Root, "expect-b"), 'B');
        for (var f = 0; f < a.Length; f++)
        {
            Assert.False(a[f].AsSpan().SequenceEqual(b[f]), "versions A and B must differ");
        }

        var onTmpfs = fileSystem == "tmpfs" && Directory.Exists("/dev/shm");
        var root = onTmpfs ? Path.Combine("/dev/shm", "vireo-crash-" + Path.GetRandomFileName()) : Path.Combine(temp.Root, "state");

        try
        {
            await KillRepeatedlyAsync(new StateDirectory(root), a, b, kills);
        }
        finally
        {
            if (onTmpfs && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task KillRepeatedlyAsync(StateDirectory state, byte[][] a, byte[][] b, int kills)
    {
        var files = Files(state);
        var random = new Random(Seed);
        var seen = new int[files.Length, 2];
        var killsLeavingTemp = 0;
        var tempsBefore = 0;
        var rounds = new List<TimeSpan>();
        for (var kill = 0; kill < kills; kill++)
        {
            using (var writer = StateWriterProcess.StartLoop(state.Root, Name))
            {
                var round = await writer.WaitReadyAsync(Ct);
                var delay = round * (random.NextDouble() * MaxDelayRounds);
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < delay)
                {
                    Thread.SpinWait(100);
                }

                rounds.Add(round);

                await writer.KillAsync(Ct);
            }

            for (var f = 0; f < files.Length; f++)
            {
                var bytes = File.ReadAllBytes(files[f]);
                var isA = bytes.AsSpan().SequenceEqual(a[f]);
                var isB = bytes.AsSpan().SequenceEqual(b[f]);
                Assert.True(isA || isB, $"kill {kill}: '{files[f]}' is torn ({bytes.Length} bytes; A has {a[f].Length}, B {b[f].Length})");
                seen[f, isA ? 0 : 1]++;
            }

            // The runtime's own readers accept what is there.
            var paths = state.Paths(Name);
            var record = DomainStore.ReadRecord(paths);
            Assert.NotNull(record);
            Assert.InRange(record.Id, 1, 2);
            Assert.Equal(Name, LiveDefinition.Parse(DomainStore.ReadLiveXml(paths)).Name);
            Assert.Equal([Name], state.DomainNames());

            var temps = TempFiles(state);
            if (temps > tempsBefore)
            {
                killsLeavingTemp++;
            }

            tempsBefore = temps;
        }

        var summary = $"{kills} kills in '{state.Root}' (seed {Seed}); {killsLeavingTemp} landed mid-write (left a temporary file); " +
            string.Join(", ", files.Select((f, i) => $"{Path.GetFileName(f)} A {seen[i, 0]} / B {seen[i, 1]}")) +
            $"; {tempsBefore} temporary files left in all; median round {rounds.Order().ElementAt(rounds.Count / 2).TotalMilliseconds:0.##} ms";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);

        // Both versions were caught on disk for every file: the kills did land all over the loop.
        for (var f = 0; f < files.Length; f++)
        {
            Assert.True(seen[f, 0] > 0 && seen[f, 1] > 0, summary);
        }

        Assert.True(killsLeavingTemp > 0, summary);
    }

    [Fact]
    public async Task Leftover_temporary_files_do_not_confuse_list_or_status()
    {
        using var temp = new TempState();
        var state = new StateDirectory(temp.Root);
        await StateWriterProcess.WriteOnceAsync(state.Root, Name, 'A', Ct);
        var paths = state.Paths(Name);

        // What kills leave: torn temporary files next to every state file, and a domain
        // directory whose very first record write never completed.
        File.WriteAllText(Path.Combine(paths.Directory, ".domain.json.tmp-k1ll3d.x1"), "{\"name\": \"crashy\", \"id\": ");
        File.WriteAllText(Path.Combine(paths.Directory, ".qemu.pid.tmp-k1ll3d.x2"), "43");
        File.WriteAllText(Path.Combine(paths.Directory, ".live.xml.tmp-k1ll3d.x3"), "<domain type='kvm'><na");
        File.WriteAllBytes(Path.Combine(paths.NvramDirectory, "." + Name + "_VARS.fd.tmp-k1ll3d.x4"), new byte[100]);
        var half = state.Paths("half");
        Directory.CreateDirectory(half.Directory);
        File.WriteAllText(Path.Combine(half.Directory, ".domain.json.tmp-k1ll3d.x5"), "{\"na");

        // The runtime's readers.
        Assert.Equal([Name], state.DomainNames());
        Assert.Equal(1, DomainStore.ReadRecord(paths)!.Id);
        Assert.Null(DomainStore.ReadRecord(half));
        var listed = await DomainInspector.ListAsync(state, Ct);
        Assert.Equal(Name, Assert.Single(listed).Name);
        Assert.Null(await DomainInspector.InspectAsync(state, "half", Ct));

        // The CLI.
        var list = await VireoCli.RunAsync("list", "--state-dir", state.Root);
        Assert.True(list.ExitCode == 0, list.ToString());
        var rows = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length);
        Assert.Equal(["1", Name, "crashed", "4242"], rows[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);
        Assert.DoesNotContain("tmp", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("half", list.Stdout, StringComparison.Ordinal);

        var status = await VireoCli.RunAsync("status", Name, "--state-dir", state.Root);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("state:   crashed", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("pid:     4242", status.Stdout, StringComparison.Ordinal);

        var missing = await VireoCli.RunAsync("status", "half", "--state-dir", state.Root);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("is not running", missing.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary_file()
    {
        using var temp = new TempState();
        var target = Path.Combine(temp.Root, "state.json");
        AtomicFile.WriteText(target, "old\n");

        // The copy source is missing: the write fails before the rename.
        Assert.Throws<FileNotFoundException>(() => AtomicFile.Copy(Path.Combine(temp.Root, "missing"), target, overwrite: true));
        // An existing target without overwrite is left alone.
        var source = Path.Combine(temp.Root, "new.fd");
        AtomicFile.WriteText(source, "new\n");
        Assert.Throws<IOException>(() => AtomicFile.Copy(source, target));

        Assert.Equal("old\n", File.ReadAllText(target));
        Assert.DoesNotContain(Directory.EnumerateFiles(temp.Root), f => AtomicFile.IsTempFile(Path.GetFileName(f)));
        AtomicFile.Copy(source, target, overwrite: true);
        Assert.Equal("new\n", File.ReadAllText(target));
    }

    [Fact]
    public void Files_get_the_requested_mode_from_the_start()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }

        using var temp = new TempState();
        var target = Path.Combine(temp.Root, "qemu.pid");
        AtomicFile.WriteText(target, "1\n");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        AtomicFile.Copy(target, Path.Combine(temp.Root, "copy"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(temp.Root, "copy")));
    }
}
