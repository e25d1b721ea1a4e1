using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using XraySynth.Classify.Evaluation;

namespace XraySynth.Experiments.Ablation;

/// <summary>
/// The run's SQLite store (<c>results.sqlite</c>): settings and labels (<c>meta</c>), one row per job (<c>jobs</c>:
/// status, seed, arm, timings, git commit, outputs), per-label test scores (<c>label_scores</c>) and every cell's test
/// predictions (<c>predictions</c>), so the summary is recomputed from the store alone. Each job is written in one
/// transaction: a crash leaves a job either fully in or fully out. Only one process writes it (the local runner or
/// <c>ablate collect</c>); cluster tasks write result files instead.
/// </summary>
public sealed class ResultStore : IDisposable
{
    readonly SqliteConnection _connection;

    ResultStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>.</summary>
    public static ResultStore Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var store = new ResultStore(connection);
        store.Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS jobs (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, seed INTEGER NOT NULL, arm TEXT, generator TEXT,
                started_utc TEXT NOT NULL, finished_utc TEXT NOT NULL, seconds REAL NOT NULL, git_commit TEXT, host TEXT NOT NULL,
                device TEXT NOT NULL, outputs TEXT NOT NULL, error TEXT);
            CREATE TABLE IF NOT EXISTS label_scores (
                job_id TEXT NOT NULL, label TEXT NOT NULL, positives INTEGER NOT NULL, negatives INTEGER NOT NULL, auroc REAL, auprc REAL,
                PRIMARY KEY (job_id, label));
            CREATE TABLE IF NOT EXISTS detection_scores (
                job_id TEXT NOT NULL, label TEXT NOT NULL, truth_boxes INTEGER NOT NULL, ap50 REAL, ap REAL, cpm REAL,
                PRIMARY KEY (job_id, label));
            CREATE TABLE IF NOT EXISTS predictions (
                job_id TEXT NOT NULL, row INTEGER NOT NULL, image_id TEXT NOT NULL, patient_id TEXT NOT NULL, label_index INTEGER NOT NULL,
                truth REAL, score REAL NOT NULL, PRIMARY KEY (job_id, row, label_index));
            """);
        return store;
    }

    /// <summary>Sets a meta value (settings YAML, labels, train prevalences, creation time).</summary>
    public void SetMeta(string key, string value)
    {
        using var command = Command("INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    /// <summary>A meta value, or null.</summary>
    public string? Meta(string key)
    {
        using var command = Command("SELECT value FROM meta WHERE key = $k");
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>
    /// Writes one job (replacing what the store had for it) in a single transaction: its row, its label scores and,
    /// for a finished cell, its test predictions.
    /// </summary>
    public void Put(JobResult result, Predictions? predictions)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (string table in new[] { "predictions", "label_scores", "detection_scores" })
        {
            using var delete = Command($"DELETE FROM {table} WHERE job_id = $id", transaction);
            delete.Parameters.AddWithValue("$id", result.Id);
            delete.ExecuteNonQuery();
        }
        using (var job = Command("""
            INSERT OR REPLACE INTO jobs (id, kind, status, seed, arm, generator, started_utc, finished_utc, seconds, git_commit, host, device, outputs, error)
            VALUES ($id, $kind, $status, $seed, $arm, $generator, $started, $finished, $seconds, $git, $host, $device, $outputs, $error)
            """, transaction))
        {
            job.Parameters.AddWithValue("$id", result.Id);
            job.Parameters.AddWithValue("$kind", result.Kind.ToString().ToLowerInvariant());
            job.Parameters.AddWithValue("$status", result.Status);
            job.Parameters.AddWithValue("$seed", result.Seed);
            job.Parameters.AddWithValue("$arm", (object?)result.Arm ?? DBNull.Value);
            job.Parameters.AddWithValue("$generator", (object?)result.Generator ?? DBNull.Value);
            job.Parameters.AddWithValue("$started", result.StartedUtc);
            job.Parameters.AddWithValue("$finished", result.FinishedUtc);
            job.Parameters.AddWithValue("$seconds", result.Seconds);
            job.Parameters.AddWithValue("$git", (object?)result.GitCommit ?? DBNull.Value);
            job.Parameters.AddWithValue("$host", result.Host);
            job.Parameters.AddWithValue("$device", result.Device);
            job.Parameters.AddWithValue("$outputs", JsonSerializer.Serialize(result.Outputs));
            job.Parameters.AddWithValue("$error", (object?)result.Error ?? DBNull.Value);
            job.ExecuteNonQuery();
        }
        if (result.Scores is not null)
        {
            using var score = Command("INSERT INTO label_scores (job_id, label, positives, negatives, auroc, auprc) VALUES ($id, $label, $p, $n, $auroc, $auprc)", transaction);
            var (id, label, p, n, auroc, auprc) = (score.Parameters.Add("$id", SqliteType.Text), score.Parameters.Add("$label", SqliteType.Text),
                score.Parameters.Add("$p", SqliteType.Integer), score.Parameters.Add("$n", SqliteType.Integer),
                score.Parameters.Add("$auroc", SqliteType.Real), score.Parameters.Add("$auprc", SqliteType.Real));
            foreach (var s in result.Scores)
            {
                (id.Value, label.Value, p.Value, n.Value) = (result.Id, s.Label, s.Positives, s.Negatives);
                auroc.Value = double.IsNaN(s.Auroc) ? DBNull.Value : s.Auroc;
                auprc.Value = double.IsNaN(s.Auprc) ? DBNull.Value : s.Auprc;
                score.ExecuteNonQuery();
            }
        }
        if (result.Detection is not null)
        {
            using var score = Command("INSERT INTO detection_scores (job_id, label, truth_boxes, ap50, ap, cpm) VALUES ($id, $label, $n, $ap50, $ap, $cpm)", transaction);
            foreach (var d in result.Detection)
            {
                score.Parameters.Clear();
                score.Parameters.AddWithValue("$id", result.Id);
                score.Parameters.AddWithValue("$label", d.Label);
                score.Parameters.AddWithValue("$n", d.TruthBoxes);
                score.Parameters.AddWithValue("$ap50", double.IsNaN(d.Ap50) ? DBNull.Value : d.Ap50);
                score.Parameters.AddWithValue("$ap", double.IsNaN(d.Ap) ? DBNull.Value : d.Ap);
                score.Parameters.AddWithValue("$cpm", double.IsNaN(d.Cpm) ? DBNull.Value : d.Cpm);
                score.ExecuteNonQuery();
            }
        }
        if (predictions is not null)
        {
            using var insert = Command("INSERT INTO predictions (job_id, row, image_id, patient_id, label_index, truth, score) VALUES ($id, $row, $image, $patient, $label, $truth, $score)", transaction);
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var row = insert.Parameters.Add("$row", SqliteType.Integer);
            var image = insert.Parameters.Add("$image", SqliteType.Text);
            var patient = insert.Parameters.Add("$patient", SqliteType.Text);
            var label = insert.Parameters.Add("$label", SqliteType.Integer);
            var truth = insert.Parameters.Add("$truth", SqliteType.Real);
            var score = insert.Parameters.Add("$score", SqliteType.Real);
            id.Value = result.Id;
            for (int i = 0; i < predictions.ImageIds.Length; i++)
                for (int l = 0; l < predictions.Labels.Count; l++)
                {
                    (row.Value, image.Value, patient.Value, label.Value) = (i, predictions.ImageIds[i], predictions.PatientIds[i], l);
                    truth.Value = double.IsNaN(predictions.Truth[i, l]) ? DBNull.Value : predictions.Truth[i, l];
                    score.Value = predictions.Probabilities[i, l];
                    insert.ExecuteNonQuery();
                }
        }
        transaction.Commit();
    }

    /// <summary>Every job row, by id.</summary>
    public IReadOnlyList<StoredJob> Jobs()
    {
        using var command = Command("SELECT id, kind, status, seed, arm, generator, seconds, git_commit, outputs, error, finished_utc FROM jobs ORDER BY id");
        using var reader = command.ExecuteReader();
        var jobs = new List<StoredJob>();
        while (reader.Read())
            jobs.Add(new StoredJob(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetDouble(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8)) ?? [],
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetString(10)));
        return jobs;
    }

    /// <summary>The label scores a job stored, in label order of insertion.</summary>
    public IReadOnlyList<LabelScore> Scores(string jobId)
    {
        using var command = Command("SELECT label, positives, negatives, auroc, auprc FROM label_scores WHERE job_id = $id ORDER BY rowid");
        command.Parameters.AddWithValue("$id", jobId);
        using var reader = command.ExecuteReader();
        var scores = new List<LabelScore>();
        while (reader.Read())
            scores.Add(new LabelScore(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? double.NaN : reader.GetDouble(3), reader.IsDBNull(4) ? double.NaN : reader.GetDouble(4)));
        return scores;
    }

    /// <summary>A cell's stored test predictions, rows in their original order; null when the job stored none.</summary>
    public Predictions? Predictions(string jobId, IReadOnlyList<string> labels)
    {
        using var command = Command("SELECT row, image_id, patient_id, label_index, truth, score FROM predictions WHERE job_id = $id ORDER BY row, label_index");
        command.Parameters.AddWithValue("$id", jobId);
        using var reader = command.ExecuteReader();
        var images = new List<string>();
        var patients = new List<string>();
        var truth = new List<double[]>();
        var scores = new List<double[]>();
        while (reader.Read())
        {
            int row = reader.GetInt32(0), label = reader.GetInt32(3);
            if (row == images.Count)
            {
                images.Add(reader.GetString(1));
                patients.Add(reader.GetString(2));
                truth.Add(new double[labels.Count]);
                scores.Add(new double[labels.Count]);
            }
            if (row != images.Count - 1 || label < 0 || label >= labels.Count)
                throw new InvalidDataException($"predictions of {jobId}: row {row.ToString(CultureInfo.InvariantCulture)} label {label.ToString(CultureInfo.InvariantCulture)} out of order");
            truth[row][label] = reader.IsDBNull(4) ? double.NaN : reader.GetDouble(4);
            scores[row][label] = reader.GetDouble(5);
        }
        if (images.Count == 0) return null;
        var truthMatrix = new double[images.Count, labels.Count];
        var scoreMatrix = new double[images.Count, labels.Count];
        for (int i = 0; i < images.Count; i++)
            for (int l = 0; l < labels.Count; l++)
                (truthMatrix[i, l], scoreMatrix[i, l]) = (truth[i][l], scores[i][l]);
        return new Predictions([.. images], [.. patients], labels, truthMatrix, scoreMatrix);
    }

    void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}

/// <summary>A job row of the store.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Kind">data, gan or cell.</param>
/// <param name="Status">done or failed.</param>
/// <param name="Seed">Training seed.</param>
/// <param name="Arm">Arm (cells).</param>
/// <param name="Generator">Generator.</param>
/// <param name="Seconds">Wall-clock seconds.</param>
/// <param name="GitCommit">Source commit.</param>
/// <param name="Outputs">Named outputs, relative to the run folder.</param>
/// <param name="Error">Failure message.</param>
/// <param name="FinishedUtc">End time.</param>
public sealed record StoredJob(string Id, string Kind, string Status, long Seed, string? Arm, string? Generator, double Seconds,
    string? GitCommit, IReadOnlyDictionary<string, string> Outputs, string? Error, string FinishedUtc);
