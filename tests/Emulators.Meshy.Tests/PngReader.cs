using System.Buffers.Binary;
using System.IO.Compression;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>
/// An independent PNG decoder for 8-bit RGB/RGBA (all five filters), so tests check the emulator's
/// PNGs rather than trusting its encoder. Verifies every chunk CRC.
/// </summary>
public static class PngReader
{
    public sealed record Decoded(int Width, int Height, int Channels, byte[] Pixels)
    {
        public (double R, double G, double B) Average()
        {
            double r = 0, g = 0, b = 0;
            var count = Width * Height;
            for (var i = 0; i < count; i++)
            {
                r += Pixels[i * Channels];
                g += Pixels[i * Channels + 1];
                b += Pixels[i * Channels + 2];
            }
            return (r / count, g / count, b / count);
        }
    }

    public static Decoded Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        var offset = 8;
        int width = 0, height = 0, channels = 0;
        var idat = new MemoryStream();
        var sawEnd = false;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(png.AsSpan(offset + 4, length + 4)), crc);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"colour type {data[9]}") };
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }
            offset += 12 + length;
        }
        Assert.True(sawEnd, "PNG lacks IEND");
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var bytes = raw.ToArray();
        var stride = width * channels;
        Assert.Equal(height * (stride + 1), bytes.Length);
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int raw0 = bytes[y * (stride + 1) + 1 + x];
                int a = x >= channels ? pixels[y * stride + x - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                pixels[y * stride + x] = (byte)(filter switch
                {
                    0 => raw0,
                    1 => raw0 + a,
                    2 => raw0 + b,
                    3 => raw0 + (a + b) / 2,
                    4 => raw0 + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                });
            }
        }
        return new Decoded(width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
