namespace Vireo.Domain.Os;

/// <summary>The <c>&lt;loader&gt;</c> element (firmware code image).</summary>
public sealed record LoaderConfig
{
    public string? Path { get; init; }

    /// <summary>yes/no.</summary>
    public string? ReadOnly { get; init; }

    /// <summary>rom or pflash.</summary>
    public string? Type { get; init; }

    /// <summary>yes/no.</summary>
    public string? Secure { get; init; }

    /// <summary>yes/no.</summary>
    public string? Stateless { get; init; }

    /// <summary>raw or qcow2.</summary>
    public string? Format { get; init; }
}
