namespace Vireo.Advisor.Facts;

/// <summary>The names stages have in the fact table, the text table and the JSON output.</summary>
public static class DisplayStages
{
    /// <summary>The stage's name: <c>device</c>, <c>accelerator</c>, <c>firmware</c>, <c>bootloader</c>, <c>os-driver</c>, <c>remote-display</c>.</summary>
    public static string Name(this DisplayStage stage) => stage switch
    {
        DisplayStage.Device => "device",
        DisplayStage.Accelerator => "accelerator",
        DisplayStage.Firmware => "firmware",
        DisplayStage.Bootloader => "bootloader",
        DisplayStage.OsDriver => "os-driver",
        _ => "remote-display",
    };

    /// <summary>The stage named <paramref name="name"/>, or null.</summary>
    public static DisplayStage? Parse(string name) => name switch
    {
        "device" => DisplayStage.Device,
        "accelerator" => DisplayStage.Accelerator,
        "firmware" => DisplayStage.Firmware,
        "bootloader" => DisplayStage.Bootloader,
        "os-driver" => DisplayStage.OsDriver,
        "remote-display" => DisplayStage.RemoteDisplay,
        _ => null,
    };
}
