namespace Vireo.Advisor.Report.Json;

/// <summary>One display device in the JSON output.</summary>
internal sealed record DeviceJson(string Source, string Model, string QemuDevice, string Role, bool Ramfb);
