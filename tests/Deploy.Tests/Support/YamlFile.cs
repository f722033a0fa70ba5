using YamlDotNet.RepresentationModel;

namespace Leads.Deploy.Tests.Support;

/// <summary>YAML documents read with YamlDotNet, navigated by key with failures that name the path.</summary>
public static class YamlFile
{
    public static IReadOnlyList<YamlMappingNode> LoadAll(string path) => Parse(File.ReadAllText(path), path);

    public static IReadOnlyList<YamlMappingNode> Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{source} is not valid YAML: {ex.Message}", ex);
        }

        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static YamlNode? Get(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode? Map(this YamlMappingNode node, string key) => node.Get(key) as YamlMappingNode;

    public static YamlMappingNode MapAt(this YamlMappingNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            current = current.Map(key) ?? throw new KeyNotFoundException($"no mapping at {string.Join('.', path)} (missing {key})");
        }

        return current;
    }

    public static IReadOnlyList<YamlNode> Seq(this YamlMappingNode node, string key) =>
        node.Get(key) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    public static string? Str(this YamlMappingNode node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    public static IReadOnlyDictionary<string, string> StringMap(this YamlMappingNode? node) =>
        node is null
            ? new Dictionary<string, string>()
            : node.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (c.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal);

    public static IEnumerable<string> Keys(this YamlMappingNode? node) =>
        node is null ? [] : node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!);
}
