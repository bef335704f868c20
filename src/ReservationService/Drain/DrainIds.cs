using System.Security.Cryptography;
using System.Text;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// A worker's drain has a deterministic id derived from its name, so a second <c>DrainWorker</c> for a worker that is
/// already draining finds the running saga instead of starting another one (also from another replica).
/// </summary>
internal static class DrainIds
{
    public static Guid For(string worker)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("icefarm-drain:" + worker), hash);
        return new Guid(hash[..16]);
    }
}
