namespace Vireo.Qemu.Tests.Injection;

/// <summary>The in-test QEMU option reader itself.</summary>
public class QemuArgvParserTests
{
    [Fact]
    public void KeyValue_DoubledCommaIsOneComma_AndFirstElementIsImplied()
    {
        var pairs = QemuArgvParser.KeyValue("file,id=c,path=/a,,b,,,,c,append=on", "backend");
        Assert.Equal(["backend", "id", "path", "append"], pairs.Select(p => p.Key));
        Assert.Equal("/a,b,,c", pairs[2].Value);
    }

    [Fact]
    public void KeyValue_SingleCommaStartsANewKey()
    {
        var pairs = QemuArgvParser.KeyValue("guest=a,id=x", "guest");
        Assert.Equal(["guest", "id"], pairs.Select(p => p.Key));
    }

    [Fact]
    public void Json_DuplicateKey_IsAnError()
    {
        Assert.Throws<FormatException>(() => QemuArgvParser.Json("{\"id\":\"a\",\"id\":\"b\"}"));
        Assert.Equal([new("a.b.0", "x")], QemuArgvParser.Json("{\"a\":{\"b\":[\"x\"]}}"));
    }

    [Fact]
    public void Cpu_HasNoEscape()
    {
        var o = QemuArgvParser.ParseValue("-cpu", "Haswell,,x,vendor=a");
        Assert.Equal(["model", "", "x", "vendor"], o.Pairs.Select(p => p.Key));
    }

    [Fact]
    public void OptionValue_StartingWithDash_IsStillTheValue()
    {
        var parsed = QemuArgvParser.Parse(["-append", "-device x", "-S"]);
        Assert.Equal(2, parsed.Count);
        Assert.Equal("-device x", parsed[0].Pairs[0].Value);
    }
}
