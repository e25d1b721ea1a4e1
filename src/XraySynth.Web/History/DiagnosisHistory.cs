using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using XraySynth.Web.Diagnosis;

namespace XraySynth.Web.History;

/// <summary>
/// Past diagnoses in SQLite (<c>diagnoses</c>: time, image hash and name, size, model runs, findings and boxes as JSON,
/// and the re-encoded PNG the page shows). One connection, used under a lock (requests come from many threads).
/// </summary>
public sealed class DiagnosisHistory : IDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly SqliteConnection connection;
    readonly Lock gate = new();

    /// <summary>The database file.</summary>
    public string Path { get; }

    DiagnosisHistory(string path, SqliteConnection connection)
    {
        Path = path;
        this.connection = connection;
    }

    /// <summary>Opens (creating if needed) the history at <paramref name="path"/>.</summary>
    public static DiagnosisHistory Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS diagnoses (
                id INTEGER PRIMARY KEY AUTOINCREMENT, time_utc TEXT NOT NULL, image_sha256 TEXT NOT NULL, image_name TEXT NOT NULL,
                width INTEGER NOT NULL, height INTEGER NOT NULL, classifier TEXT NOT NULL, detector TEXT,
                findings TEXT NOT NULL, boxes TEXT NOT NULL, image_png BLOB NOT NULL);
            """;
        command.ExecuteNonQuery();
        return new DiagnosisHistory(full, connection);
    }

    /// <summary>Stores a diagnosis of <paramref name="png"/> (the re-encoded image) and returns it with its id.</summary>
    public StoredDiagnosis Add(string imageName, byte[] png, int width, int height, DiagnosisResult result, DateTimeOffset time)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(png));
        string timeUtc = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO diagnoses (time_utc, image_sha256, image_name, width, height, classifier, detector, findings, boxes, image_png)
                VALUES ($t, $h, $n, $w, $hh, $c, $d, $f, $b, $p);
                SELECT last_insert_rowid();
                """;
            command.Parameters.AddWithValue("$t", timeUtc);
            command.Parameters.AddWithValue("$h", hash);
            command.Parameters.AddWithValue("$n", imageName);
            command.Parameters.AddWithValue("$w", width);
            command.Parameters.AddWithValue("$hh", height);
            command.Parameters.AddWithValue("$c", result.Classifier);
            command.Parameters.AddWithValue("$d", (object?)result.Detector ?? DBNull.Value);
            command.Parameters.AddWithValue("$f", JsonSerializer.Serialize(result.Findings, Json));
            command.Parameters.AddWithValue("$b", JsonSerializer.Serialize(result.Boxes, Json));
            command.Parameters.AddWithValue("$p", png);
            long id = (long)command.ExecuteScalar()!;
            return new StoredDiagnosis(id, timeUtc, hash, imageName, width, height, result);
        }
    }

    /// <summary>The newest <paramref name="limit"/> diagnoses, newest first.</summary>
    public IReadOnlyList<StoredDiagnosis> List(int limit = 500)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM diagnoses ORDER BY id DESC LIMIT $l";
            command.Parameters.AddWithValue("$l", limit);
            return ReadAll(command);
        }
    }

    /// <summary>Diagnosis <paramref name="id"/>, or null.</summary>
    public StoredDiagnosis? Get(long id)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM diagnoses WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return ReadAll(command).SingleOrDefault();
        }
    }

    /// <summary>The stored PNG of diagnosis <paramref name="id"/>, or null.</summary>
    public byte[]? Image(long id)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT image_png FROM diagnoses WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteScalar() as byte[];
        }
    }

    /// <summary>Deletes diagnosis <paramref name="id"/>; false when there was none.</summary>
    public bool Delete(long id)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM diagnoses WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
        }
    }

    const string Columns = "id, time_utc, image_sha256, image_name, width, height, classifier, detector, findings, boxes";

    static List<StoredDiagnosis> ReadAll(SqliteCommand command)
    {
        var rows = new List<StoredDiagnosis>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var findings = JsonSerializer.Deserialize<List<Finding>>(reader.GetString(8), Json) ?? [];
            var boxes = JsonSerializer.Deserialize<List<FoundBox>>(reader.GetString(9), Json) ?? [];
            var result = new DiagnosisResult(findings, boxes, reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7));
            rows.Add(new StoredDiagnosis(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetInt32(5), result));
        }
        return rows;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate) connection.Dispose();
    }
}
