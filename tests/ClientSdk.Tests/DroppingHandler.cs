using System.Net;

namespace IceFarm.Client.Tests;

/// <summary>
/// A real HTTP handler whose event-stream responses the test can cut off at will: the client then sees the connection
/// fail mid-stream, exactly as when a proxy or the network drops it.
/// </summary>
internal sealed class DroppingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock _gate = new();
    private readonly List<DroppableStream> _streams = [];

    public int Opened { get; private set; }

    /// <summary>Cuts every open event stream.</summary>
    public void DropAll()
    {
        lock (_gate)
        {
            _streams.ForEach(s => s.Drop());
            _streams.Clear();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri!.AbsolutePath.EndsWith("/api/v1/events", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.OK)
        {
            var stream = new DroppableStream(await response.Content.ReadAsStreamAsync(cancellationToken));
            lock (_gate)
            {
                _streams.Add(stream);
                Opened++;
            }

            var content = new StreamContent(stream);
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = content;
        }

        return response;
    }
}
