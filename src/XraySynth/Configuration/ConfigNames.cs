using System.Reflection;
using System.Text;

namespace XraySynth.Configuration;

/// <summary>Maps C# property and enum names to the snake_case keys used in YAML files.</summary>
public static class ConfigNames
{
    /// <summary><c>BatchSize</c> → <c>batch_size</c>, <c>KImg</c> → <c>k_img</c>, <c>Fp16</c> → <c>fp16</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool startsWord = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (previousIsLowerOrDigit || startsWord) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>An enum member's YAML text: its [ConfigName], else its kebab-case name (LabelBalanced → label-balanced).</summary>
    public static string EnumText(Type enumType, string member) =>
        enumType.GetField(member)?.GetCustomAttribute<ConfigNameAttribute>()?.Name ?? ToSnakeCase(member).Replace('_', '-');
}
