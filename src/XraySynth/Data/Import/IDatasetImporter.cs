using XraySynth.Common;

namespace XraySynth.Data.Import;

/// <summary>Turns one kind of on-disk data (NIH folders, MedMNIST npz, class folders) into an XraySynth dataset folder.</summary>
public interface IDatasetImporter
{
    /// <summary>The KIND named on the command line (nih, medmnist, folders).</summary>
    string Kind { get; }

    /// <summary>One line for the command's help.</summary>
    string Description { get; }

    /// <summary>Reads <see cref="ImportOptions.Source"/>, writes the dataset into <see cref="ImportOptions.Output"/>.</summary>
    /// <exception cref="UserError">Missing files, bad input (file and line named), or missing images under --strict.</exception>
    ImportSummary Import(ImportOptions options, IReporter reporter);
}
