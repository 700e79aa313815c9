using System.Text;
using Vireo.Runtime.Serial;

namespace Vireo.Cli;

/// <summary>
/// The <c>console</c> command: copies the guest's serial output to the terminal and the
/// terminal's keys to the guest until Ctrl-] (or, with redirected input, until input ends).
/// </summary>
internal static class ConsoleCommand
{
    private const string CmdName = "console";
    private const char Escape = '\u001d'; // Ctrl-]

    public static int Run(IEnumerable<string> args, TextReader stdin, TextWriter stdout)
    {
        _ = stdin;
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir"], []);
        var name = a.ExpectPositional(CmdName, 1, "one domain NAME")[0];
        var state = GuestCommandSupport.State(a);
        return GuestCommandSupport.Run(CmdName, async ct =>
        {
            await using var serial = await SerialConsole.ConnectAsync(state, name, ct).ConfigureAwait(false);
            var interactive = !System.Console.IsInputRedirected;
            if (interactive)
            {
                System.Console.Error.WriteLine($"Connected to the serial console of domain '{name}' (leave with Ctrl-])");
            }

            stdout.Flush();
            using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var output = CopyOutputAsync(serial, done.Token);
            var input = interactive ? Task.Run(() => Keys(serial, done), CancellationToken.None) : CopyInputAsync(serial, done);
            await Task.WhenAny(output, input).ConfigureAwait(false);
            await done.CancelAsync().ConfigureAwait(false);
            if (interactive)
            {
                System.Console.Error.WriteLine();
                System.Console.Error.WriteLine("Disconnected");
            }

            return ExitCodes.Ok;
        });
    }

    private static async Task CopyOutputAsync(Stream serial, CancellationToken ct)
    {
        var buffer = new byte[4096];
        await using var stdout = System.Console.OpenStandardOutput();
        try
        {
            while (true)
            {
                var n = await serial.ReadAsync(buffer, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                await stdout.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                await stdout.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // Disconnected.
        }
    }

    // Redirected input: copied as it is; after its end, output keeps flowing until the guest is quiet for a second.
    private static async Task CopyInputAsync(Stream serial, CancellationTokenSource done)
    {
        await using var input = System.Console.OpenStandardInput();
        try
        {
            await input.CopyToAsync(serial, done.Token).ConfigureAwait(false);
            await serial.FlushAsync(done.Token).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(1), done.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // Disconnected.
        }
    }

    // A terminal: key by key, so the guest sees every key at once; Ctrl-] leaves.
    private static void Keys(Stream serial, CancellationTokenSource done)
    {
        System.Console.TreatControlCAsInput = true;
        try
        {
            while (!done.IsCancellationRequested)
            {
                var key = System.Console.ReadKey(intercept: true);
                if (key.KeyChar == Escape)
                {
                    return;
                }

                var bytes = key.Key switch
                {
                    ConsoleKey.UpArrow => "\u001b[A"u8.ToArray(),
                    ConsoleKey.DownArrow => "\u001b[B"u8.ToArray(),
                    ConsoleKey.RightArrow => "\u001b[C"u8.ToArray(),
                    ConsoleKey.LeftArrow => "\u001b[D"u8.ToArray(),
                    _ when key.KeyChar != '\0' => Encoding.UTF8.GetBytes([key.KeyChar]),
                    _ => [],
                };
                if (bytes.Length > 0)
                {
                    serial.Write(bytes);
                    serial.Flush();
                }
            }
        }
        catch (IOException)
        {
            // The guest went away.
        }
        finally
        {
            System.Console.TreatControlCAsInput = false;
        }
    }
}
