namespace Vireo.Conformance.Harness;

/// <summary>
/// One entry of the manifest <c>state</c> column: <c>cfg.KEY=VALUE</c> (a driver
/// setting) or <c>env.NAME=VALUE</c> (an environment variable). A null value is the
/// column's <c>NULL</c> (setting cleared / variable unset).
/// </summary>
public sealed record StateSetting(string Scope, string Key, string? Value)
{
    /// <summary>Scope of driver-config settings.</summary>
    public const string ConfigScope = "cfg";

    /// <summary>Scope of environment variables.</summary>
    public const string EnvironmentScope = "env";

    /// <summary>The entry as written in the column (<c>scope.key=value</c>).</summary>
    public override string ToString() => Scope + "." + Key + "=" + (Value ?? "NULL");
}
