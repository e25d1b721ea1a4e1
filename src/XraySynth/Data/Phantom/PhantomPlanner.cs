using System.Globalization;
using XraySynth.Common;

namespace XraySynth.Data.Phantom;

/// <summary>
/// Decides patients, follow-ups, demographics, views, findings and patient-disjoint splits for a phantom dataset.
/// Cheap and sequential; every random stream derives from the seed and a name, so the plan never depends on threads.
/// </summary>
public static class PhantomPlanner
{
    /// <summary>The images of the dataset, in index order (a patient's follow-ups are consecutive).</summary>
    public static IReadOnlyList<PhantomImagePlan> Plan(PhantomConfig config)
    {
        // 1. Patients and how many images each has, until the count is reached (the last may be cut short).
        var followUps = new List<int>();
        for (int total = 0; total < config.Count;)
        {
            var random = SeedDerivation.CreateRandom(config.Seed, $"patient/{followUps.Count + 1}/follow-ups");
            int n = 1;
            while (n < config.MaxFollowUps && random.NextDouble() < config.FollowUpProbability) n++;
            n = Math.Min(n, config.Count - total);
            followUps.Add(n);
            total += n;
        }

        // 2. Patient-disjoint splits from a seeded shuffle of the patients.
        var splits = AssignSplits(followUps.Count, config.TrainFraction, config.ValFraction, config.Seed);

        // 3. Images: demographics per patient, view and findings per image.
        var sampler = new PhantomLabelSampler(config);
        var images = new List<PhantomImagePlan>(config.Count);
        for (int p = 0; p < followUps.Count; p++)
        {
            var patient = CreatePatient(p + 1, splits[p], config.Seed);
            IReadOnlyList<PhantomFinding> previous = [];
            for (int f = 0; f < followUps[p]; f++)
            {
                int index = images.Count;
                var random = SeedDerivation.CreateRandom(config.Seed, $"image/{index}/labels");
                // Consume the same numbers whether or not the findings persist, so settings do not shift streams.
                bool persist = random.NextDouble() < config.FindingPersistence;
                var drawn = sampler.Draw(random);
                var findings = f > 0 && persist ? previous : drawn;
                string view = random.NextDouble() < config.ApFraction ? "AP" : "PA";
                string id = string.Create(CultureInfo.InvariantCulture, $"{patient.Id}_{f:D3}.png");
                images.Add(new PhantomImagePlan(index, id, patient, f, view, findings));
                previous = findings;
            }
        }
        return images;
    }

    /// <summary>Split of each patient: a seeded shuffle, then the first train, the next val, the rest test.</summary>
    public static Split[] AssignSplits(int patients, double trainFraction, double valFraction, long seed)
    {
        var order = Enumerable.Range(0, patients).ToArray();
        SeedDerivation.CreateRandom(seed, "splits").Shuffle(order);
        int train = (int)Math.Round(patients * trainFraction, MidpointRounding.AwayFromZero);
        int val = Math.Min(patients - train, (int)Math.Round(patients * valFraction, MidpointRounding.AwayFromZero));
        var splits = new Split[patients];
        for (int rank = 0; rank < patients; rank++)
            splits[order[rank]] = rank < train ? Split.Train : rank < train + val ? Split.Val : Split.Test;
        return splits;
    }

    static PhantomPatient CreatePatient(int number, Split split, long seed)
    {
        var random = SeedDerivation.CreateRandom(seed, $"patient/{number}/demographics");
        // Age: roughly normal around 50 (sd 17), clamped to adults.
        double normal = random.NextDouble() + random.NextDouble() + random.NextDouble() + random.NextDouble() - 2;
        int age = Math.Clamp((int)Math.Round(50 + 17 * normal * Math.Sqrt(3)), 18, 92);
        string sex = random.NextDouble() < 0.55 ? "M" : "F";
        return new PhantomPatient(number, string.Create(CultureInfo.InvariantCulture, $"P{number:D5}"), age, sex, split);
    }
}
