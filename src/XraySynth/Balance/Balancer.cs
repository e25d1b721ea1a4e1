using System.Globalization;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Checks;

namespace XraySynth.Balance;

/// <summary>
/// Merges synthetic images (or duplicates of real ones) into a real dataset's train split so rare labels gain positives.
/// <see cref="Plan"/> decides without touching the disk; <see cref="Apply"/> writes the merged dataset and its report.
/// Val and test rows are carried over untouched: only train grows.
/// </summary>
public static class Balancer
{
    /// <summary>Name of the report folder inside the merged dataset.</summary>
    public const string ReportFolder = "balance-report";

    /// <summary>
    /// Decides which rows to add: targets per chosen label from the strategy, caps from the fractions, then the greedy
    /// choice of <see cref="GreedySelector"/> over the candidates in an order shuffled by the seed.
    /// </summary>
    /// <param name="real">The real dataset (its train real positives are the baseline).</param>
    /// <param name="synthetic">Synthetic datasets to draw from (none for oversample).</param>
    /// <param name="config">Strategy, labels, target, ratio, caps and seed.</param>
    /// <exception cref="UserError">Bad settings, an unknown label, or inputs that do not fit together.</exception>
    public static BalancePlan Plan(Dataset real, IReadOnlyList<Dataset> synthetic, BalanceConfig config)
    {
        config.EnsureValid();
        BalanceInputs.Check(real, synthetic, config.Strategy);
        var vocabulary = real.Vocabulary;
        int[] counts = BalanceTargets.RealTrainCounts(real);
        int[] targets = counts.Select(c => BalanceTargets.Target(config, c, counts)).ToArray();
        bool[] chosen = BalanceTargets.Chosen(config, vocabulary, counts, targets);
        int[] caps = counts.Select(c => BalanceTargets.Cap(config.MaxSyntheticFractionPerLabel, c)).ToArray();
        int realTrain = real.InSplit(Split.Train).Count();
        int overallCap = BalanceTargets.Cap(config.MaxSyntheticFraction, realTrain);

        bool oversample = config.Strategy == BalanceStrategy.Oversample;
        var pool = oversample
            ? real.InSplit(Split.Train).Where(i => i.Labels.Count > 0).Select(i => (Image: i, Dataset: real)).ToList()
            : synthetic.SelectMany(s => s.Images.Where(i => i.Labels.Count > 0).Select(i => (Image: i, Dataset: s))).ToList();
        var order = Shuffle(pool.Count, SeedDerivation.CreateRandom(config.Seed, "balance/candidates"));
        var candidates = order.Select(p => pool[p].Image.Labels.Select(vocabulary.IndexOf).Order().ToArray()).ToList();

        var selector = new GreedySelector(counts, Enumerable.Range(0, counts.Length).Select(l => chosen[l] ? targets[l] : (int?)null).ToArray(),
            caps, overallCap, reuse: oversample);
        var result = selector.Run(candidates);

        var additions = new List<ImageRecord>();
        var addedBoxes = new List<BoxRecord>();
        var duplicates = new Dictionary<string, int>(StringComparer.Ordinal);
        var boxesById = real.Boxes.ToLookup(b => b.ImageId, StringComparer.Ordinal);
        foreach (int c in result.Taken)
        {
            var (image, from) = pool[order[c]];
            var row = image with
            {
                Path = from.FullPath(image),
                Split = Split.Train,
                Labels = image.Labels.OrderBy(vocabulary.IndexOf).ToArray(),
            };
            if (oversample)
            {
                int k = duplicates[image.Id] = duplicates.GetValueOrDefault(image.Id) + 1;
                row = row with { Id = DuplicateId(image.Id, k) };
                addedBoxes.AddRange(boxesById[image.Id].Select(b => b with { ImageId = row.Id }));
            }
            additions.Add(row);
        }

        var perLabel = Enumerable.Range(0, vocabulary.Count).Select(l => new LabelBalance(
            vocabulary.Names[l], chosen[l], counts[l], chosen[l] ? targets[l] : null, caps[l], result.Added[l],
            chosen[l] && counts[l] + result.Added[l] < targets[l] ? result.Reasons[l] : null)).ToList();
        return new BalancePlan
        {
            Real = real, Sources = synthetic, Config = config, PerLabel = perLabel, Additions = additions, AddedBoxes = addedBoxes,
            RealTrain = realTrain, OverallCap = overallCap,
        };
    }

    /// <summary>Id of the <paramref name="k"/>-th duplicate of <paramref name="id"/>: <c>ORIGINAL#dupK</c>.</summary>
    public static string DuplicateId(string id, int k) => $"{id}#dup{k.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Writes the merged dataset into <paramref name="outFolder"/>: every real row (image paths rewritten to reach the
    /// same files from there), then the added train rows (referencing the synthetic files where they are, no copies),
    /// the real boxes plus those of duplicates, dataset.json, and <see cref="ReportFolder"/> with the tables and figure.
    /// </summary>
    /// <param name="plan">A plan from <see cref="Plan"/>.</param>
    /// <param name="outFolder">Folder to create; it must be empty or absent unless <paramref name="overwrite"/>.</param>
    /// <param name="createdBy">The command line, recorded in dataset.json.</param>
    /// <param name="overwrite">Replace the files of a non-empty folder.</param>
    /// <exception cref="UserError">The folder is not empty, or is one of the inputs.</exception>
    /// <exception cref="DataError">The merged manifest fails the dataset checks.</exception>
    public static Dataset Apply(BalancePlan plan, string outFolder, string createdBy, bool overwrite = false)
    {
        string root = Path.GetFullPath(outFolder);
        foreach (var input in plan.Sources.Prepend(plan.Real))
            if (SamePath(root, input.Root))
                throw new UserError($"--out {outFolder}: that is an input dataset; write the merged dataset to a new folder");
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !overwrite)
            throw new UserError($"--out {outFolder} is not empty (use --force to replace its files)");

        var real = plan.Real;
        string Relative(string fullPath) => Path.GetRelativePath(root, fullPath).Replace('\\', '/');
        var images = real.Images.Select(i => Path.IsPathRooted(i.Path) ? i : i with { Path = Relative(real.FullPath(i)) }).ToList();
        images.AddRange(plan.Additions.Select(i => i with { Path = Relative(i.Path), Split = Split.Train }));
        var merged = new Dataset(root, MergedInfo(plan, createdBy), images, real.Boxes.Concat(plan.AddedBoxes).ToList());
        EnsureOnlyTrainGrew(real, merged);
        DatasetChecks.Run(merged, checks: ManifestChecks).EnsureValid();

        merged.Save();
        BalanceReport.Write(plan, Path.Combine(root, ReportFolder));
        return merged;
    }

    /// <summary>The checks that need no image file (those are checked where the inputs were made).</summary>
    static readonly IReadOnlyList<IDatasetCheck> ManifestChecks =
        [new UniqueIdsCheck(), new ManifestLabelsCheck(), new PatientSplitsCheck(), new SyntheticSplitCheck(), new BoxesCheck()];

    static DatasetInfo MergedInfo(BalancePlan plan, string createdBy)
    {
        var real = plan.Real;
        string strategy = BalanceStrategyNames.Format(plan.Config.Strategy);
        string added = plan.Config.Strategy == BalanceStrategy.Oversample
            ? $"{plan.Additions.Count} duplicated real train images (random oversampling)"
            : string.Join("; ", plan.Sources.Select(source =>
            {
                var hashes = source.Images.Select(i => i.GeneratorHash).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
                return $"{CountFrom(plan, source)} of {source.Images.Count} synthetic images from {source.Info.Name} ({source.Root}; generator sha256 {string.Join(", ", hashes.DefaultIfEmpty("unknown"))})";
            }));
        return new DatasetInfo
        {
            Name = $"{real.Info.Name}+{strategy}",
            Labels = real.Vocabulary.Names,
            Origin = $"{real.Info.Name} ({real.Root}; {real.Info.Origin}) balanced with strategy {strategy}, seed {plan.Config.Seed}: added to train {added}",
            License = real.Info.License,
            CreatedBy = createdBy,
            CreatedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Added rows taken from <paramref name="source"/> (ids are unique across sources).</summary>
    static int CountFrom(BalancePlan plan, Dataset source)
    {
        var ids = source.Images.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        return plan.Additions.Count(a => ids.Contains(a.Id));
    }

    /// <summary>Guards the merge's promise: val and test rows and every real row come through unchanged but for the path text.</summary>
    static void EnsureOnlyTrainGrew(Dataset real, Dataset merged)
    {
        for (int i = 0; i < real.Images.Count; i++)
        {
            var before = real.Images[i];
            var after = merged.Images[i];
            if (after with { Path = before.Path } != before || merged.FullPath(after) != real.FullPath(before))
                throw new InvalidOperationException($"balance changed real row '{before.Id}'");
        }
        if (merged.Images.Skip(real.Images.Count).Any(i => i.Split != Split.Train))
            throw new InvalidOperationException("balance added rows outside the train split");
    }

    static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);

    /// <summary>A seeded Fisher–Yates permutation of 0..n-1.</summary>
    static int[] Shuffle(int n, Random random)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
