namespace Vireo.Capabilities;

/// <summary>The accelerator a capability entry applies to (libvirt's <c>type='kvm|tcg|hvf'</c>).</summary>
public enum Accelerator
{
    /// <summary>Kernel-based Virtual Machine.</summary>
    Kvm,

    /// <summary>QEMU's Tiny Code Generator (pure emulation).</summary>
    Tcg,

    /// <summary>macOS Hypervisor.framework.</summary>
    Hvf,
}
