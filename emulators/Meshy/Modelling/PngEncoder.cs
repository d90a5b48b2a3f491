using System.Buffers.Binary;
using System.IO.Compression;

namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>An RGB or RGBA image, 8 bits per channel, rows top to bottom.</summary>
public sealed class Image(int width, int height, int channels)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public int Channels { get; } = channels;
    public byte[] Pixels { get; } = new byte[width * height * channels];

    public void Set(int x, int y, Rgb c, byte alpha = 255)
    {
        var i = (y * Width + x) * Channels;
        Pixels[i] = c.R;
        Pixels[i + 1] = c.G;
        Pixels[i + 2] = c.B;
        if (Channels == 4) Pixels[i + 3] = alpha;
    }
}

/// <summary>Minimal PNG writer (8-bit RGB/RGBA, Sub filter, zlib): no native imaging library needed.</summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static byte[] Encode(Image image)
    {
        using var output = new MemoryStream();
        output.Write(Signature);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 8;                                  // bit depth
        header[9] = (byte)(image.Channels == 4 ? 6 : 2); // colour type RGBA / RGB
        WriteChunk(output, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var stride = image.Width * image.Channels;
            var row = new byte[stride + 1];
            for (var y = 0; y < image.Height; y++)
            {
                // Sub filter: neighbouring texels are close, so deltas compress far better than raw bytes.
                row[0] = 1;
                var line = image.Pixels.AsSpan(y * stride, stride);
                for (var i = 0; i < stride; i++)
                    row[i + 1] = (byte)(line[i] - (i >= image.Channels ? line[i - image.Channels] : 0));
                zlib.Write(row);
            }
        }
        WriteChunk(output, "IDAT", compressed.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        output.Write(buffer);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Crc32.Compute(typed));
        output.Write(buffer);
    }
}
