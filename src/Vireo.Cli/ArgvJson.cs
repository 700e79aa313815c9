using System.Text;
using System.Text.Json;
using Vireo.Qemu.CommandLine;

namespace Vireo.Cli;

/// <summary>Writes a command line as <c>{"env": {...}, "argv": [emulator, args...]}</c>.</summary>
internal static class ArgvJson
{
    public static string Render(QemuCommandLine cmd)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("env");
            foreach (var kv in cmd.Environment)
            {
                w.WriteString(kv.Key, kv.Value);
            }

            w.WriteEndObject();
            w.WriteStartArray("argv");
            w.WriteStringValue(cmd.Emulator);
            foreach (var a in cmd.Arguments)
            {
                w.WriteStringValue(a);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
