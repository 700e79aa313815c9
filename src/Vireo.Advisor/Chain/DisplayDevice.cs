namespace Vireo.Advisor.Chain;

/// <summary>One display device of the domain, as the engine builds it.</summary>
/// <param name="Source">Where it comes from: <c>video0</c>, <c>hostdev0</c>...</param>
/// <param name="Model">The libvirt model (<c>&lt;model type&gt;</c>), or <c>mdev</c> for a vGPU.</param>
/// <param name="QemuDevice">The QEMU device (<c>-</c> when none).</param>
/// <param name="Role"><c>primary</c>, <c>secondary</c> or <c>vgpu</c>.</param>
/// <param name="Ramfb">A vGPU with <c>ramfb='on'</c> (its ramfb is the boot display).</param>
public sealed record DisplayDevice(string Source, string Model, string QemuDevice, string Role, bool Ramfb = false)
{
    /// <summary>True for a vGPU (mdev hostdev with <c>display='on'</c>).</summary>
    public bool IsVgpu => Role == "vgpu";
}
