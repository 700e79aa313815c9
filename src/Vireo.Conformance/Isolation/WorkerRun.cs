using System.Globalization;

namespace Vireo.Conformance.Isolation;

/// <summary>What one worker process reported before it exited.</summary>
internal sealed class WorkerRun
{
    private const int KeptErrorLines = 3;
    private readonly List<string> _errors = [];
    private readonly Lock _gate = new();

    /// <summary>Rows the worker announced as started.</summary>
    public HashSet<int> Started { get; } = [];

    /// <summary>Results the worker reported.</summary>
    public List<CaseResult> Done { get; } = [];

    /// <summary>Process exit code (-1 when it never started).</summary>
    public int ExitCode { get; set; } = -1;

    /// <summary>True when the worker exited with code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Keeps the first few non-blank stderr lines (the rest, e.g. a deep stack dump, is dropped).</summary>
    public void AddError(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_gate)
        {
            if (_errors.Count < KeptErrorLines)
            {
                _errors.Add(line.Trim());
            }
        }
    }

    /// <summary>Exit code and the head of stderr, on one line.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var head = _errors.Count == 0 ? "no diagnostic" : string.Join(" ", _errors);
            return string.Create(CultureInfo.InvariantCulture, $"exit code {ExitCode}: {head}");
        }
    }
}
