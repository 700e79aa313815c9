namespace Vireo.Runtime.Tests.Support;

/// <summary>Domain XML for the tests: small TCG guests without disks.</summary>
internal static class Domains
{
    /// <summary>aarch64 <c>virt</c>, UEFI (AAVMF), cortex-a57, a pty serial port and the given video model.</summary>
    public static string Aarch64Virt(string name, string video = "virtio", string extraDevices = "", string os = "<os firmware='efi'>", string extra = "") => $"""
        <domain type='qemu'>
          <name>{name}</name>
          <memory unit='MiB'>512</memory>
          <vcpu>1</vcpu>
          {os}
            <type arch='aarch64' machine='virt'>hvm</type>
          </os>
          <cpu mode='custom' match='exact'><model>cortex-a57</model></cpu>
          {extra}
          <devices>
            <serial type='pty'/>
            {(video.Length == 0 ? "" : $"<video><model type='{video}'/></video>")}
            {extraDevices}
          </devices>
        </domain>
        """;

    /// <summary>x86_64 <c>pc</c> (SeaBIOS) or <c>q35</c>, the given video model.</summary>
    public static string X86(string name, string machine = "pc", string video = "vga", string extraDevices = "", string os = "<os>", string extra = "") => $"""
        <domain type='qemu'>
          <name>{name}</name>
          <memory unit='MiB'>256</memory>
          <vcpu>1</vcpu>
          {os}
            <type arch='x86_64' machine='{machine}'>hvm</type>
          </os>
          {extra}
          <devices>
            <serial type='pty'/>
            {(video.Length == 0 ? "" : $"<video><model type='{video}'/></video>")}
            {extraDevices}
          </devices>
        </domain>
        """;

    /// <summary>Parses domain XML as the CLI does.</summary>
    public static Domain.DomainDefinition Parse(string xml) =>
        Domain.Xml.DomainXmlParser.Parse(xml, new Domain.Xml.DomainParseOptions { Inactive = true });
}
