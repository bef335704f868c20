using System.Text;
using IceFarm.Contracts.Bitstreams;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>
/// Reads a multipart evaluation upload section by section, each file part straight into its own exact-size array.
/// </summary>
/// <remarks>
/// <c>ReadFormAsync</c> buffered every 104 kB part to a temporary file (parts above <c>FormOptions.MemoryBufferThreshold</c>)
/// and then copied it again (docs/sdk.md, cause 2). Here a part is read once, its size is enforced while reading (a part
/// longer than a bitstream is refused after one byte too many, not after it has all arrived) and it is validated once.
/// </remarks>
internal sealed class BitstreamUpload
{
    private const int MaxFieldBytes = 64 * 1024;

    private BitstreamUpload(List<(string Label, byte[] Bytes)> bitstreams, string serials)
    {
        Bitstreams = bitstreams;
        Serials = serials;
    }

    public IReadOnlyList<(string Label, byte[] Bytes)> Bitstreams { get; }

    /// <summary>The optional <c>serials</c> field: comma-separated boards to evaluate on (empty: every board held).</summary>
    public string Serials { get; }

    /// <summary>The boundary of a <c>multipart/form-data</c> body, or null when the body is anything else.</summary>
    public static string? BoundaryOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        && HeaderUtilities.RemoveQuotes(media.Boundary) is { Length: > 0 and <= 70 } boundary
            ? boundary.ToString()
            : null;

    /// <summary>Reads and validates every part; the first bad one ends the read with an error naming it.</summary>
    /// <exception cref="InvalidDataException">The multipart framing itself is broken.</exception>
    public static async Task<(BitstreamUpload? Upload, string? Error)> ReadAsync(
        Stream body, string boundary, int maxBitstreams, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, body);
        var bitstreams = new List<(string, byte[])>();
        var serials = new StringBuilder();
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                return (null, "Every part needs a 'Content-Disposition: form-data' header.");
            }

            if (section.AsFileSection() is { } file)
            {
                if (bitstreams.Count == maxBitstreams)
                {
                    return (null, $"More than {maxBitstreams} bitstreams in one request; at most {maxBitstreams}.");
                }

                var label = string.IsNullOrWhiteSpace(file.FileName) ? file.Name : file.FileName;
                var (bytes, error) = await ReadBitstreamAsync(section.Body, label, ct);
                if (bytes is null)
                {
                    return (null, error);
                }

                bitstreams.Add((label, bytes));
            }
            else if (section.AsFormDataSection() is { Name: "serials" } field)
            {
                var value = await ReadFieldAsync(section.Body, ct);
                if (value is null)
                {
                    return (null, $"The 'serials' field is longer than {MaxFieldBytes:N0} bytes.");
                }

                serials.Append(serials.Length > 0 ? "," : "").Append(value);
            }
        }

        return bitstreams.Count == 0
            ? (null, "No bitstream: send at least one file part.")
            : (new BitstreamUpload(bitstreams, serials.ToString()), null);
    }

    private static async Task<(byte[]? Bytes, string? Error)> ReadBitstreamAsync(Stream part, string label, CancellationToken ct)
    {
        var bytes = new byte[Ice40Bitstream.Up5kSize];
        var read = await part.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, ct);
        if (read < bytes.Length)
        {
            return (null, $"Part '{label}': expected {Ice40Bitstream.Up5kSize:N0} bytes, got {read:N0}.");
        }

        // One byte past the size is enough to refuse the part; the rest of it is never read.
        var probe = new byte[1];
        if (await part.ReadAsync(probe, ct) > 0)
        {
            return (null, $"Part '{label}': expected {Ice40Bitstream.Up5kSize:N0} bytes, got more.");
        }

        var validation = BitstreamValidator.Validate(bytes);
        return validation.IsValid ? (bytes, null) : (null, $"Part '{label}': {validation.Error}");
    }

    private static async Task<string?> ReadFieldAsync(Stream part, CancellationToken ct)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var read = await part.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        return read > MaxFieldBytes ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }
}
