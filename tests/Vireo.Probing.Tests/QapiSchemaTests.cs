using System.Text.Json;

namespace Vireo.Probing.Tests;

public class QapiSchemaTests
{
    // A miniature introspection result: a command with features, an object with a union
    // branch, an enum, an array and an alternate.
    private const string Schema = """
        [
          {"name": "blockdev-add", "meta-type": "command", "arg-type": "1", "ret-type": "0", "features": ["json-cli"]},
          {"name": "query-things", "meta-type": "command", "arg-type": "0", "ret-type": "[4]"},
          {"name": "SHUTDOWN", "meta-type": "event", "arg-type": "6"},
          {"name": "0", "meta-type": "object", "members": []},
          {"name": "1", "meta-type": "object", "tag": "driver",
           "members": [{"name": "driver", "type": "2"}, {"name": "node-name", "type": "str", "default": null}],
           "variants": [{"case": "file", "type": "3"}]},
          {"name": "2", "meta-type": "enum", "values": ["file", "nbd"]},
          {"name": "3", "meta-type": "object", "members": [{"name": "filename", "type": "str"}, {"name": "aio", "type": "5"}]},
          {"name": "[4]", "meta-type": "array", "element-type": "4"},
          {"name": "4", "meta-type": "object", "members": [{"name": "die-id", "type": "int"}]},
          {"name": "5", "meta-type": "alternate", "members": [{"type": "7"}, {"type": "str"}]},
          {"name": "6", "meta-type": "object", "members": [{"name": "guest", "type": "bool"}]},
          {"name": "7", "meta-type": "enum", "members": [{"name": "threads"}, {"name": "io_uring"}]},
          {"name": "str", "meta-type": "builtin", "json-type": "string"}
        ]
        """;

    private static readonly QapiSchema Parsed = new(JsonDocument.Parse(Schema).RootElement.Clone());

    [Theory]
    [InlineData("blockdev-add", true)]
    [InlineData("no-such-command", false)]
    [InlineData("blockdev-add/$json-cli", true)]
    [InlineData("blockdev-add/$json-cli-hotplug", false)]
    [InlineData("blockdev-add/arg-type/node-name", true)]
    [InlineData("blockdev-add/arg-type/driver/^nbd", true)]
    [InlineData("blockdev-add/arg-type/driver/^vxhs", false)]
    [InlineData("blockdev-add/arg-type/+file", true)]
    [InlineData("blockdev-add/arg-type/+nvme", false)]
    [InlineData("blockdev-add/arg-type/+file/filename", true)]
    [InlineData("blockdev-add/arg-type/+file/aio/^io_uring", true)]
    [InlineData("blockdev-add/arg-type/+file/aio/^native", false)]
    [InlineData("blockdev-add/arg-type/filename", false)]
    [InlineData("query-things/ret-type/die-id", true)]
    [InlineData("query-things/ret-type/socket-id", false)]
    [InlineData("SHUTDOWN/arg-type/guest", true)]
    [InlineData("blockdev-add/ret-type/anything", false)]
    public void PathExists(string path, bool expected) => Assert.Equal(expected, Parsed.PathExists(path));

    [Fact]
    public void NotAnArray_IsAnEmptySchema()
    {
        var schema = new QapiSchema(JsonDocument.Parse("{}").RootElement.Clone());
        Assert.Equal(0, schema.Count);
        Assert.False(schema.PathExists("query-version"));
    }
}
