using System.Net;
using System.Net.Sockets;

namespace IceFarm.Testing;

/// <summary>A loopback port free a moment ago, for a server that must keep its port across restarts (port 0 would move it).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
