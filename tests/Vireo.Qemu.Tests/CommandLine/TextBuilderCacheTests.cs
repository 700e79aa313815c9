using Vireo.Qemu.CommandLine;

namespace Vireo.Qemu.Tests.CommandLine;

/// <summary>
/// The option and <c>.args</c> writers share one builder per thread: a reused builder must never
/// carry text over, whatever was written before (bigger, smaller, nested, or abandoned by an error).
/// </summary>
public sealed class TextBuilderCacheTests
{
    [Fact]
    public void Rendering_after_a_bigger_and_a_smaller_command_line_gives_the_same_text()
    {
        var small = new QemuCommandLine([], "/usr/bin/qemu-system-x86_64", ["-S"]);
        var big = new QemuCommandLine([new("LC_ALL", "C")], "/usr/bin/qemu-system-x86_64", [.. Enumerable.Range(0, 500).Select(i => "-device" + i)]);
        var first = ArgsTextRenderer.Render(small);

        var bigText = ArgsTextRenderer.Render(big);
        Assert.Equal(first, ArgsTextRenderer.Render(small));
        Assert.Equal(bigText, ArgsTextRenderer.Render(big));
        Assert.Equal("/usr/bin/qemu-system-x86_64 \\\n-S\n", first);
    }

    [Fact]
    public void Props_rendered_one_after_another_do_not_share_text()
    {
        var a = new QemuProps().Str("driver", "virtio-blk-pci").Str("id", "a,b").Num("n", 1);
        var b = new QemuProps().Str("qom-type", "secret").Obj("nested", new QemuProps().Bool("x", true));

        Assert.Equal("{\"driver\":\"virtio-blk-pci\",\"id\":\"a,b\",\"n\":1}", a.ToJson());
        Assert.Equal("virtio-blk-pci,id=a,,b,n=1", a.ToKeyValue("driver"));
        Assert.Equal("{\"qom-type\":\"secret\",\"nested\":{\"x\":true}}", b.ToJson());
        Assert.Equal("secret,nested.x=on", b.ToKeyValue("qom-type"));
        Assert.Equal("{\"driver\":\"virtio-blk-pci\",\"id\":\"a,b\",\"n\":1}", a.ToJson());
    }

    [Fact]
    public void A_writer_that_fails_halfway_leaves_no_text_behind()
    {
        var bad = new QemuProps().Str("driver", "not a type name").Str("id", "x");
        Assert.ThrowsAny<Exception>(() => bad.ToKeyValue("driver"));

        Assert.Equal("pci-bridge,id=y", new QemuProps().Str("driver", "pci-bridge").Str("id", "y").ToKeyValue("driver"));
    }

    [Fact]
    public void A_builder_taken_while_another_is_out_is_a_different_one()
    {
        var outer = TextBuilderCache.Acquire();
        outer.Append("outer");
        var inner = TextBuilderCache.Acquire();
        Assert.NotSame(outer, inner);
        inner.Append("inner");

        Assert.Equal("inner", TextBuilderCache.ToStringAndRelease(inner));
        Assert.Equal("outer", TextBuilderCache.ToStringAndRelease(outer));
        Assert.Equal(0, TextBuilderCache.Acquire().Length);
    }
}
