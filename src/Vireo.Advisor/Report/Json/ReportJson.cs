using System.Collections.Immutable;

namespace Vireo.Advisor.Report.Json;

/// <summary>The JSON document <c>display-check --format json</c> prints (schema: docs/display-check.md).</summary>
internal sealed record ReportJson(
    int SchemaVersion,
    string Domain,
    string Arch,
    string Machine,
    string Firmware,
    string Accel,
    string GuestOs,
    string Emulator,
    ImmutableArray<DeviceJson> Devices,
    ImmutableArray<StageJson> Stages,
    string FirmwareScreen,
    ImmutableArray<string> Fixes,
    string Verdict,
    int ExitCode,
    VerifyJson? Verify);
