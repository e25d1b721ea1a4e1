using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using XraySynth.Common;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace XraySynth.Configuration;

/// <summary>
/// Loads YAML config files into plain records. Keys are the snake_case names of the record's properties;
/// a property not in the file keeps the record's documented default. Every problem (unknown key, wrong type,
/// value out of range, cross-field rule) is collected and reported together with file, line and key.
/// </summary>
public static class YamlConfig
{
    /// <summary>Loads <paramref name="path"/>, or the mapping under <paramref name="section"/> in it, as a <typeparamref name="T"/>.</summary>
    /// <exception cref="ConfigError">The file has problems (all are listed).</exception>
    /// <exception cref="UserError">The file does not exist.</exception>
    public static T Load<T>(string path, string? section = null) where T : class, new()
    {
        if (!File.Exists(path)) throw new UserError($"config file {path} does not exist.");
        return Parse<T>(File.ReadAllText(path), path, section);
    }

    /// <summary>Parses YAML text; <paramref name="fileName"/> is used in messages.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="fileName">Name shown in error messages.</param>
    /// <param name="section">Top-level key whose mapping holds <typeparamref name="T"/>; null for the whole file.
    /// Other top-level keys are left to other stages' configs.</param>
    public static T Parse<T>(string yaml, string fileName, string? section = null) where T : class, new()
    {
        var issues = new List<ConfigIssue>();
        YamlNode? root = ReadRoot(yaml, fileName, issues);
        var reader = new Reader(fileName, issues);
        T result = new();
        if (root is YamlMappingNode mapping)
        {
            YamlNode? node = mapping;
            if (section is not null)
                node = mapping.Children.TryGetValue(new YamlScalarNode(section), out YamlNode? inner) ? inner : null;
            if (node is not null && !IsNull(node))
                result = (T)reader.ReadObject(node, typeof(T), section ?? "");
        }
        else if (root is not null && !IsNull(root))
            issues.Add(reader.Issue(root, section ?? "(root)", "expected a mapping of key: value lines at the top of the file"));

        if (issues.Count > 0) throw new ConfigError(issues);
        return result;
    }

    /// <summary>The top-level keys of a YAML file with their lines (empty when the file is not a mapping).</summary>
    public static IReadOnlyList<(int Line, string Key)> TopLevelKeys(string path)
    {
        if (!File.Exists(path)) throw new UserError($"config file {path} does not exist.");
        var issues = new List<ConfigIssue>();
        if (ReadRoot(File.ReadAllText(path), path, issues) is not YamlMappingNode mapping)
        {
            if (issues.Count > 0) throw new ConfigError(issues);
            return [];
        }
        return mapping.Children.Select(kv => ((int)kv.Key.Start.Line, (kv.Key as YamlScalarNode)?.Value ?? "")).ToList();
    }

    static YamlNode? ReadRoot(string yaml, string fileName, List<ConfigIssue> issues)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            string message = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            issues.Add(new ConfigIssue(fileName, (int)e.Start.Line, (int)e.Start.Column, "(syntax)", message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (e.g. an unclosed '['): locate the last good token.
            var (line, column) = LastGoodToken(yaml);
            issues.Add(new ConfigIssue(fileName, line, column, "(syntax)", "invalid YAML after this point (an unclosed bracket or quote?)"));
            return null;
        }
    }

    static (int Line, int Column) LastGoodToken(string yaml)
    {
        var scanner = new Scanner(new StringReader(yaml));
        Mark last = Mark.Empty;
        try
        {
            while (scanner.MoveNext()) last = scanner.Current!.End;
        }
        catch (Exception e) when (e is InvalidOperationException or YamlException) { }
        return ((int)last.Line, (int)last.Column);
    }

    static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    sealed class Reader(string fileName, List<ConfigIssue> issues)
    {
        public ConfigIssue Issue(YamlNode node, string key, string message) =>
            new(fileName, (int)node.Start.Line, (int)node.Start.Column, key, message);

        void Add(YamlNode node, string key, string message) => issues.Add(Issue(node, key, message));

        /// <summary>
        /// Reads a mapping into a new <paramref name="type"/>: a copy of <paramref name="start"/> when given (the value
        /// the parent record's initializer chose, so a nested section's unset keys keep the parent's defaults), else
        /// the type's own defaults.
        /// </summary>
        public object ReadObject(YamlNode node, Type type, string path, object? start = null)
        {
            object instance = start is not null && start.GetType() == type && type.GetMethod("<Clone>$") is { } clone
                ? clone.Invoke(start, null)!
                : Activator.CreateInstance(type)!;
            if (node is not YamlMappingNode mapping)
            {
                Add(node, Display(path), $"expected a mapping of {type.Name} settings, got {Describe(node)}");
                return instance;
            }
            var properties = Settable(type).ToDictionary(p => ConfigNames.ToSnakeCase(p.Name), StringComparer.Ordinal);
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                string key = ((keyNode as YamlScalarNode)?.Value) ?? "";
                string full = Join(path, key);
                if (!properties.TryGetValue(key, out PropertyInfo? property))
                {
                    Add(keyNode, full, $"unknown key for {type.Name}{NameSuggester.Hint(key, properties.Keys)} " +
                                       $"(known: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))})");
                    continue;
                }
                int before = issues.Count;
                object? value = ReadValue(valueNode, property.PropertyType, full, IsNullable(property), property.GetValue(instance));
                if (issues.Count != before) continue;
                CheckRange(property, value, valueNode, full);
                if (issues.Count == before) property.SetValue(instance, value);
            }
            if (instance is IValidatedConfig validated)
                foreach (var (key, message) in validated.Validate())
                    Add(FindKeyNode(mapping, key) ?? mapping, Join(path, key), message);
            return instance;
        }

        object? ReadValue(YamlNode node, Type type, string key, bool nullable, object? current = null)
        {
            Type? underlying = Nullable.GetUnderlyingType(type);
            if (IsNull(node))
            {
                if (underlying is not null || nullable) return null;
                Add(node, key, $"expected {TypeName(type)}, got nothing (null)");
                return null;
            }
            type = underlying ?? type;

            if (type == typeof(string)) return Scalar(node, key, type) is { } s ? s : null;
            if (type == typeof(bool)) return ParseScalar(node, key, type, s => s.ToLowerInvariant() switch
            {
                "true" or "yes" or "on" => true,
                "false" or "no" or "off" => false,
                _ => (object?)null,
            });
            if (type == typeof(int)) return ParseScalar(node, key, type, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null);
            if (type == typeof(long)) return ParseScalar(node, key, type, s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : null);
            if (type == typeof(double)) return ParseScalar(node, key, type, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null);
            if (type == typeof(float)) return ParseScalar(node, key, type, s => float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v) ? v : null);
            if (type.IsEnum) return ReadEnum(node, type, key);
            if (ListElementType(type) is { } element) return ReadList(node, type, element, key);
            if (DictionaryValueType(type) is { } valueType) return ReadDictionary(node, valueType, key);
            if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null) return ReadObject(node, type, key, current);
            throw new NotSupportedException($"config property type {type} is not supported by YamlConfig");
        }

        string? Scalar(YamlNode node, string key, Type type)
        {
            if (node is YamlScalarNode scalar) return scalar.Value ?? "";
            Add(node, key, $"expected {TypeName(type)}, got {Describe(node)}");
            return null;
        }

        object? ParseScalar(YamlNode node, string key, Type type, Func<string, object?> parse)
        {
            string? text = Scalar(node, key, type);
            if (text is null) return null;
            object? value = parse(text.Trim());
            if (value is null) Add(node, key, $"expected {TypeName(type)}, got '{text}'");
            return value;
        }

        object? ReadEnum(YamlNode node, Type type, string key)
        {
            string? text = Scalar(node, key, type);
            if (text is null) return null;
            var names = Enum.GetNames(type).ToDictionary(n => ConfigNames.EnumText(type, n), n => n);
            string wanted = text.Trim().ToLowerInvariant().Replace('_', '-');
            if (names.TryGetValue(wanted, out string? name)) return Enum.Parse(type, name);
            Add(node, key, $"'{text}' is not one of {string.Join(", ", names.Keys)}{NameSuggester.Hint(wanted, names.Keys)}");
            return null;
        }

        object? ReadList(YamlNode node, Type listType, Type element, string key)
        {
            if (node is not YamlSequenceNode sequence)
            {
                Add(node, key, $"expected a list ([a, b] or '- item' lines), got {Describe(node)}");
                return null;
            }
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            int i = 0;
            foreach (YamlNode item in sequence.Children)
                list.Add(ReadValue(item, element, $"{key}[{i++}]", nullable: false));
            if (!listType.IsArray) return list;
            var array = Array.CreateInstance(element, list.Count);
            list.CopyTo(array, 0);
            return array;
        }

        object? ReadDictionary(YamlNode node, Type valueType, string key)
        {
            if (node is not YamlMappingNode mapping)
            {
                Add(node, key, $"expected a mapping, got {Describe(node)}");
                return null;
            }
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            foreach (var (k, v) in mapping.Children)
            {
                string name = (k as YamlScalarNode)?.Value ?? "";
                dictionary[name] = ReadValue(v, valueType, Join(key, name), nullable: false);
            }
            return dictionary;
        }

        void CheckRange(PropertyInfo property, object? value, YamlNode node, string key)
        {
            if (value is null || property.GetCustomAttribute<ConfigRangeAttribute>() is not { } range) return;
            IEnumerable<object?> values = value is IEnumerable e and not string ? e.Cast<object?>() : [value];
            foreach (object? v in values)
            {
                double d = Convert.ToDouble(v, CultureInfo.InvariantCulture);
                if (d < range.Minimum || d > range.Maximum)
                {
                    Add(node, key, $"{Convert.ToString(v, CultureInfo.InvariantCulture)} is out of range: expected " +
                                   $"{Format(range.Minimum)} to {Format(range.Maximum)}");
                    return;
                }
            }
        }

        string Display(string path) => path.Length == 0 ? "(root)" : path;
    }

    /// <summary>Public properties the loader may set (settable or init-only), in declaration order.</summary>
    public static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract");

    /// <summary>The one-line documentation of a property (its <see cref="DescriptionAttribute"/>), or null.</summary>
    public static string? Describe(PropertyInfo property) => property.GetCustomAttribute<DescriptionAttribute>()?.Description;

    static YamlNode? FindKeyNode(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == key).Key;

    static bool IsNullable(PropertyInfo property) =>
        new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable;

    static Type? ListElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!type.IsGenericType) return null;
        Type definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) ||
               definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    static Type? DictionaryValueType(Type type)
    {
        if (!type.IsGenericType) return null;
        Type definition = type.GetGenericTypeDefinition();
        return (definition == typeof(Dictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>))
               && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;
    }

    static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    static string Format(double d) => d.ToString("G", CultureInfo.InvariantCulture);

    static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };

    static string TypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long)) return "an integer";
        if (type == typeof(double) || type == typeof(float)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a text value";
        return $"a {type.Name}";
    }
}
