using System.Globalization;
using Vireo.Runtime.Control;

namespace Vireo.Cli;

/// <summary>The <c>list</c> command: every guest with state in the state directory, live or crashed.</summary>
internal static class ListCommand
{
    private const string CmdName = "list";

    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir"], []);
        a.ExpectPositional(CmdName, 0, "no positional arguments");
        var state = GuestCommandSupport.State(a);
        var all = GuestCommandSupport.Run("list", ct => DomainInspector.ListAsync(state, ct));
        var rows = all.Select(s => new[]
        {
            s.Id?.ToString(CultureInfo.InvariantCulture) ?? "-",
            s.Name,
            s.Label,
            s.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",
            s.Detail ?? "",
        }).ToList();
        string[] header = ["Id", "Name", "State", "Pid", "Detail"];
        var widths = Enumerable.Range(0, 4).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        string Line(string[] cells) =>
            string.Join("  ", cells.Take(4).Select((c, i) => c.PadRight(widths[i]))) + (cells[4].Length > 0 ? "  " + cells[4] : "");
        stdout.WriteLine(Line(header).TrimEnd());
        foreach (var row in rows)
        {
            stdout.WriteLine(Line(row).TrimEnd());
        }

        return ExitCodes.Ok;
    }
}
