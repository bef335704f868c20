using System.Net.Http.Headers;

namespace IceFarm.Client.Tests;

/// <summary>Just enough multipart/form-data reading for <see cref="FakeFarm"/>: file part names and text fields.</summary>
internal static class MultipartReading
{
    public static async Task<(List<string> FileNames, Dictionary<string, string> Fields)> ReadAsMultipartAsync(this HttpContent content, CancellationToken ct)
    {
        var form = (MultipartFormDataContent)content;
        var files = new List<string>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in form)
        {
            var disposition = part.Headers.ContentDisposition ?? new ContentDispositionHeaderValue("form-data");
            if (disposition.FileName is { } file)
            {
                files.Add(file.Trim('"'));
            }
            else
            {
                fields[disposition.Name!.Trim('"')] = await part.ReadAsStringAsync(ct);
            }
        }

        return (files, fields);
    }
}
