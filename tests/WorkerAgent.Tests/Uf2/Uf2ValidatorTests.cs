using System.Buffers.Binary;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Uf2;

namespace IceFarm.WorkerAgent.Tests.Uf2;

/// <summary>The UF2 writer and the §3.4 validator.</summary>
public sealed class Uf2ValidatorTests
{
    private static readonly byte[] Image = SimulatedFirmwareImages.Build(FirmwareKind.PulseCount);

    [Fact]
    public void WrittenImage_IsValidAndRoundTrips()
    {
        var uf2 = Uf2Writer.Write(Image, Uf2Families.Rp2350ArmSecure);

        var validation = Uf2Validator.Validate(uf2);

        Assert.True(validation.IsValid, validation.Describe());
        Assert.Equal(Uf2Families.Rp2350ArmSecure, validation.MainFamily);
        Assert.Equal(Image.Length / 256, validation.BlockCount);
        var blocks = Enumerable.Range(0, uf2.Length / 512).Select(i => Uf2Block.TryParse(uf2.AsSpan(i * 512, 512))!).ToList();
        Assert.Equal(Image, Uf2Validator.Assemble(blocks));
    }

    [Fact]
    public void E10AbsoluteBlock_IsRecognisedAndSkipped()
    {
        var uf2 = Uf2Writer.Write(Image, Uf2Families.Rp2350ArmSecure, absoluteBlock: true);

        Assert.True(Uf2Block.TryParse(uf2.AsSpan(0, 512))!.IsE10AbsoluteBlock);
        var validation = Uf2Validator.Validate(uf2);
        Assert.True(validation.IsValid, validation.Describe());
        Assert.Equal(Image.Length / 256, validation.BlockCount);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("odd length")]
    [InlineData("bad magic")]
    [InlineData("rp2040 family")]
    [InlineData("missing block")]
    [InlineData("duplicate block")]
    [InlineData("outside flash")]
    [InlineData("no family flag")]
    [InlineData("not bootable")]
    public void BrokenFiles_AreHardErrors(string defect)
    {
        var uf2 = defect switch
        {
            "empty" => [],
            "odd length" => Uf2Writer.Write(Image, Uf2Families.Rp2350ArmSecure)[..1000],
            "bad magic" => Patch(Uf2Writer.Write(Image, Uf2Families.Rp2350ArmSecure), 3 * 512, 0xDEADBEEF),
            "rp2040 family" => Uf2Writer.Write(Image, Uf2Families.Rp2040),
            "missing block" => Uf2Writer.Write(Image, Uf2Families.Rp2350ArmSecure)[512..],
            "duplicate block" => [.. Uf2Writer.Write(Image, Uf2Families.Rp2350ArmSecure), .. Uf2Writer.Write(Image, Uf2Families.Rp2350ArmSecure)[..512]],
            "outside flash" => Uf2Writer.Write(Image, Uf2Families.Rp2350ArmSecure, baseAddress: 0x2000_0000),
            "no family flag" => Patch(Uf2Writer.Write(Image, Uf2Families.Rp2350ArmSecure), 8, 0),
            "not bootable" => Uf2Writer.Write(SimulatedFirmwareImages.Build(FirmwareKind.Default, bootable: false), Uf2Families.Rp2350ArmSecure),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var validation = Uf2Validator.Validate(uf2);

        Assert.False(validation.IsValid);
        Assert.NotEqual("valid", validation.Describe());
    }

    [Fact]
    public void Catalog_RefusesAnImageTheRomWouldIgnore()
    {
        var rp2040 = Uf2Writer.Write(Image, Uf2Families.Rp2040);

        var error = Assert.Throws<InvalidDataException>(() => FirmwareImage.Validated(FirmwareKind.PulseCount, "old.uf2", rp2040));

        Assert.Contains("family 0xE48BFF56", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogImages_IdentifyTheirFirmware()
    {
        var catalog = new SimulatedFirmwareCatalog();
        foreach (var kind in Enum.GetValues<FirmwareKind>())
        {
            var uf2 = catalog.Get(kind).Uf2.ToArray();
            var blocks = Enumerable.Range(0, uf2.Length / 512).Select(i => Uf2Block.TryParse(uf2.AsSpan(i * 512, 512))!)
                .Where(b => !b.IsE10AbsoluteBlock).ToList();
            Assert.Equal(kind, SimulatedFirmwareImages.Identify(Uf2Validator.Assemble(blocks)));
        }
    }

    private static byte[] Patch(byte[] uf2, int offset, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(uf2.AsSpan(offset), value);
        return uf2;
    }
}
