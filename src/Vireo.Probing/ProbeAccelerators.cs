namespace Vireo.Probing;

/// <summary>Which accelerators a probe of a binary tries.</summary>
public enum ProbeAccelerators
{
    /// <summary>KVM (and TCG separately, as libvirt does) when /dev/kvm is usable and the binary could run natively; else TCG.</summary>
    Auto,

    /// <summary>TCG only, even where KVM is available.</summary>
    TcgOnly,
}
