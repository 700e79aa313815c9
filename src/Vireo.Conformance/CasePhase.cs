namespace Vireo.Conformance;

/// <summary>Where a case stopped: the phase that threw, or <see cref="Compare"/> when output was produced.</summary>
public enum CasePhase
{
    /// <summary>The case was not run.</summary>
    NotRun,

    /// <summary>Reading inputs or building the fake host.</summary>
    Setup,

    /// <summary>XML parsing and post-parse (defaults, addresses, validation): libvirt's "parse error" phase.</summary>
    Parse,

    /// <summary>Command-line building: libvirt's "failure" phase.</summary>
    Build,

    /// <summary>Rendering the command line as <c>.args</c> text.</summary>
    Render,

    /// <summary>Formatting the definition back to XML.</summary>
    Format,

    /// <summary>Output produced and compared.</summary>
    Compare,
}
