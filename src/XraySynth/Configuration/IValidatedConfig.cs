namespace XraySynth.Configuration;

/// <summary>A config record with rules that involve several fields (checked after each field's own).</summary>
public interface IValidatedConfig
{
    /// <summary>Problems as (snake_case key, message); empty when the record is consistent.</summary>
    IEnumerable<(string Key, string Message)> Validate();
}
