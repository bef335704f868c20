using IceFarm.WorkerAgent.Boards;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Linux;

/// <summary>
/// The UF2 images on disk (configuration <c>Firmware</c>), read and validated on first use and then kept;
/// a missing or invalid file fails the flash that needed it with a reason an operator can act on.
/// </summary>
internal sealed class FileFirmwareCatalog(FirmwareOptions options, ILogger<FileFirmwareCatalog> logger) : IFirmwareCatalog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FirmwareKind, FirmwareImage> _loaded = [];

    /// <inheritdoc />
    public FirmwareImage Get(FirmwareKind kind)
    {
        lock (_gate)
        {
            if (_loaded.TryGetValue(kind, out var image))
            {
                return image;
            }

            var path = options.PathOf(kind);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Firmware image for {kind} not found at {path} (configure Firmware:Directory or Firmware:{kind}File).", path);
            }

            image = FirmwareImage.Validated(kind, Path.GetFileName(path), File.ReadAllBytes(path));
            logger.LogInformation("Loaded firmware {Kind} from {Path} ({Bytes} bytes)", kind, path, image.Uf2.Length);
            _loaded[kind] = image;
            return image;
        }
    }
}
