using Vireo.Domain;
using Vireo.Qemu.Firmware;

namespace Vireo.Runtime.Launch;

/// <summary>The domain with its firmware filled in, and what the start must prepare for it.</summary>
/// <param name="Definition">The definition with <c>os/loader</c> and <c>os/nvram</c> filled.</param>
/// <param name="Descriptor">The descriptor chosen for <c>&lt;os firmware=...&gt;</c>, or the one naming the loader; null when none.</param>
/// <param name="NvramPath">The UEFI variable store QEMU will open, when the firmware has one.</param>
/// <param name="NvramTemplate">What to copy to <paramref name="NvramPath"/> when it does not exist yet.</param>
public sealed record FirmwareChoice(DomainDefinition Definition, FirmwareDescriptor? Descriptor, string? NvramPath, string? NvramTemplate);
