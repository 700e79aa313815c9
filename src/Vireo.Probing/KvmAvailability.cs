namespace Vireo.Probing;

/// <summary>Whether this process can use KVM: the device opens read-write.</summary>
public static class KvmAvailability
{
    /// <summary>True when <paramref name="devicePath"/> (normally /dev/kvm) opens read-write.</summary>
    public static bool IsUsable(string devicePath)
    {
        try
        {
            using var handle = File.OpenHandle(devicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
