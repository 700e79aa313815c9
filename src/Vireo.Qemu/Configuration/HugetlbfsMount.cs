namespace Vireo.Qemu.Configuration;

/// <summary>A hugetlbfs mount point and its page size.</summary>
public sealed record HugetlbfsMount(string MountPoint, ulong PageSizeKiB, bool IsDefault);
