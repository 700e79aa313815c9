using System.Collections.Immutable;
using System.Security.Cryptography;
using Vireo.Domain.Errors;
using Vireo.Qemu.Configuration;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// Builds QEMU <c>secret</c> objects whose data is AES-256-CBC encrypted with the
/// domain's master key (QEMU decrypts with <c>keyid=masterKey0</c>), so plain secrets
/// never appear on the command line.
/// </summary>
internal static class SecretObjects
{
    public static QemuProps Encrypted(string id, byte[] plaintext, LaunchContext ctx)
    {
        var key = ctx.MasterKey.IsDefaultOrEmpty ? throw DomainConfigException.Internal("no master key available to encrypt a secret") : ctx.MasterKey.ToArray();
        var iv = ctx.SecretIv.IsDefaultOrEmpty ? RandomNumberGenerator.GetBytes(16) : ctx.SecretIv.ToArray();
        using var aes = Aes.Create();
        aes.Key = key;
        var cipher = aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
        return new QemuProps()
            .Str("qom-type", "secret")
            .Str("id", id)
            .Str("data", Convert.ToBase64String(cipher))
            .Str("keyid", "masterKey0")
            .Str("iv", Convert.ToBase64String(iv))
            .Str("format", "base64");
    }

    /// <summary>Looks a secret up by UUID or fails with a clear message.</summary>
    public static byte[] Lookup(string uuid, LaunchContext ctx) =>
        ctx.SecretLookup?.Invoke(uuid) ?? throw DomainConfigException.Unsupported($"secret '{uuid}' is not known: define it before starting the domain");

    /// <summary>The fixed key the libvirt test harness uses: bytes 0..31.</summary>
    public static ImmutableArray<byte> TestMasterKey => [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
}
