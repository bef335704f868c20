using IceFarm.Client.Evaluation;

namespace IceFarm.Client.Tests;

/// <summary>Generated bitstreams written to a temporary folder, for the CLI; deleted afterwards.</summary>
internal sealed class BitstreamFiles : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("icefarm-cli-");

    public BitstreamFiles(IEnumerable<Bitstream> bitstreams)
    {
        Paths = [.. bitstreams.Select(b =>
        {
            var path = Path.Combine(_folder.FullName, b.Label);
            File.WriteAllBytes(path, b.Bytes.ToArray());
            return path;
        })];
    }

    public IReadOnlyList<string> Paths { get; }

    public string Folder => _folder.FullName;

    public void Dispose() => _folder.Delete(recursive: true);
}
