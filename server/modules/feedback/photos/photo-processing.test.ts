import { createHash } from 'node:crypto'
import exifr from 'exifr'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import {
  animatedWebp,
  cameraJpeg,
  cameraPng,
  cameraWebp,
  gifImage,
  hugePng,
  noisyJpeg,
  pdfDocument,
  svgImage,
  transparentPng,
  twoToneRaw,
} from './fixtures/test-images.ts'
import {
  PHOTO_LIMITS,
  type PhotoLimits,
  PhotoRejected,
  type PhotoRejectionReason,
  processPhoto,
} from './photo-processing.ts'

/** Nhà thờ Đức Bà, Quận 1 (now phường Sài Gòn). */
const CATHEDRAL = { lat: 10.779783, lon: 106.699018 }

async function rejectionOf(input: Buffer, limits: PhotoLimits = PHOTO_LIMITS): Promise<PhotoRejected> {
  const error = await processPhoto(input, limits).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(PhotoRejected)
  return error as PhotoRejected
}

async function expectRejected(
  input: Buffer,
  reason: PhotoRejectionReason,
  limits: PhotoLimits = PHOTO_LIMITS,
) {
  expect((await rejectionOf(input, limits)).reason).toBe(reason)
}

/** Every kind of metadata a published copy could leak, read three ways (sharp, exifr, raw bytes). */
async function expectNoMetadata(image: Buffer) {
  const metadata = await sharp(image).metadata()
  expect(metadata.exif).toBeUndefined()
  expect(metadata.xmp).toBeUndefined()
  expect(metadata.iptc).toBeUndefined()
  expect(metadata.icc).toBeUndefined()
  expect(metadata.orientation).toBeUndefined()
  expect(await exifr.parse(image, true)).toBeUndefined()
  expect(image.includes('Exif\0\0')).toBe(false)
  expect(image.includes('xmpmeta')).toBe(false)
}

async function pixelAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true })
  const offset = (y * info.width + x) * info.channels
  return [...data.subarray(offset, offset + info.channels)]
}

const isRed = ([r = 0, g = 0, b = 0]: number[]) => r > 180 && g < 70 && b < 70
const isBlue = ([r = 0, g = 0, b = 0]: number[]) => b > 180 && r < 70 && g < 70

describe('processPhoto: what is accepted and what comes out', () => {
  it('strips all metadata from a camera JPEG and hands the GPS position back separately', async () => {
    const original = await cameraJpeg(640, 480, { gps: CATHEDRAL })
    // The fixture really carries what must not be published.
    const source = await sharp(original).metadata()
    expect(source.exif && source.xmp && source.icc).toBeTruthy()
    expect(await exifr.gps(original)).toMatchObject({ latitude: expect.closeTo(CATHEDRAL.lat, 5) })

    const photo = await processPhoto(original)

    await expectNoMetadata(photo.display)
    await expectNoMetadata(photo.thumbnail)
    expect(photo.gps?.lat).toBeCloseTo(CATHEDRAL.lat, 5)
    expect(photo.gps?.lon).toBeCloseTo(CATHEDRAL.lon, 5)
    expect(photo.sourceType).toBe('image/jpeg')
    expect(photo.contentType).toBe('image/jpeg')
    expect((await sharp(photo.display).metadata()).format).toBe('jpeg')
    expect((await sharp(photo.thumbnail).metadata()).format).toBe('jpeg')
  })

  it('reads the GPS of PNG and WebP originals too, with southern and western signs', async () => {
    const south = { lat: -33.856784, lon: 151.215297 }
    const west = { lat: 40.748817, lon: -73.985428 }
    for (const [original, type, at] of [
      [await cameraPng(120, 80, { gps: south }), 'image/png', south],
      [await cameraWebp(120, 80, { gps: west }), 'image/webp', west],
    ] as const) {
      const photo = await processPhoto(original)
      expect(photo.sourceType).toBe(type)
      expect(photo.gps?.lat).toBeCloseTo(at.lat, 5)
      expect(photo.gps?.lon).toBeCloseTo(at.lon, 5)
      await expectNoMetadata(photo.display)
      await expectNoMetadata(photo.thumbnail)
    }
  })

  it('gives no position when the photo has none, or only the 0,0 of a camera without a fix', async () => {
    expect((await processPhoto(await cameraJpeg(60, 40))).gps).toBeNull()
    expect((await processPhoto(await cameraJpeg(60, 40, { gps: { lat: 0, lon: 0 } }))).gps).toBeNull()
  })

  it('turns the picture upright from the EXIF orientation before dropping the tag', async () => {
    // Stored 100×50 (red left, blue right) with orientation 6: the camera was turned 90° clockwise.
    const original = await cameraJpeg(100, 50, { orientation: 6 })
    expect((await sharp(original).metadata()).orientation).toBe(6)

    const photo = await processPhoto(original)

    expect([photo.width, photo.height]).toEqual([50, 100])
    expect(isRed(await pixelAt(photo.display, 25, 10))).toBe(true)
    expect(isBlue(await pixelAt(photo.display, 25, 90))).toBe(true)
    const thumb = await sharp(photo.thumbnail).metadata()
    expect([thumb.width, thumb.height]).toEqual([50, 100])
  })

  it('resizes to the long-edge limits, landscape and portrait, and never enlarges', async () => {
    const landscape = await processPhoto(await twoToneRaw(3200, 1800).jpeg().toBuffer())
    expect([landscape.width, landscape.height]).toEqual([1600, 900])
    const landscapeThumb = await sharp(landscape.thumbnail).metadata()
    expect([landscapeThumb.width, landscapeThumb.height]).toEqual([400, 225])

    const portrait = await processPhoto(await twoToneRaw(1000, 4000).png().toBuffer())
    expect([portrait.width, portrait.height]).toEqual([400, 1600])
    const portraitThumb = await sharp(portrait.thumbnail).metadata()
    expect([portraitThumb.width, portraitThumb.height]).toEqual([100, 400])

    const small = await processPhoto(await twoToneRaw(300, 200).webp().toBuffer())
    expect([small.width, small.height]).toEqual([300, 200])
    const smallThumb = await sharp(small.thumbnail).metadata()
    expect([smallThumb.width, smallThumb.height]).toEqual([300, 200])
  })

  it('describes the display copy: size in bytes and its SHA-256', async () => {
    const photo = await processPhoto(await cameraJpeg(200, 150))
    expect(photo.bytes).toBe(photo.display.length)
    expect(photo.sha256).toBe(createHash('sha256').update(photo.display).digest('hex'))
    expect(photo.thumbnail.equals(photo.display)).toBe(false)
  })

  it('re-encodes: nothing hidden in the upload (comment segment, bytes after the end) is carried over', async () => {
    const jpeg = await cameraJpeg(80, 60)
    const payload = Buffer.from('<script>alert("xss")</script>')
    const comment = Buffer.alloc(4)
    comment.set([0xff, 0xfe]) // COM marker, then its length (which counts itself)
    comment.writeUInt16BE(payload.length + 2, 2)
    // SOI, a comment carrying the payload, the rest of the JPEG, and the payload again after EOI.
    const original = Buffer.concat([jpeg.subarray(0, 2), comment, payload, jpeg.subarray(2), payload])
    expect((await sharp(original).metadata()).width).toBe(80)

    const photo = await processPhoto(original)

    expect(photo.display.includes(payload)).toBe(false)
    expect(photo.thumbnail.includes(payload)).toBe(false)
  })

  it('puts transparent PNG areas on white, since JPEG has no alpha', async () => {
    const photo = await processPhoto(await transparentPng(40, 40))
    expect((await sharp(photo.display).metadata()).hasAlpha).toBe(false)
    const [r = 0, g = 0, b = 0] = await pixelAt(photo.display, 20, 20)
    expect(Math.min(r, g, b)).toBeGreaterThan(245)
  })

  it('takes only the first frame of an animated WebP', async () => {
    const original = await animatedWebp(64, 48)
    expect((await sharp(original).metadata()).pages).toBe(2)

    const photo = await processPhoto(original)

    expect([photo.width, photo.height]).toEqual([64, 48])
    expect((await sharp(photo.display).metadata()).pages).toBeUndefined()
    expect(isRed(await pixelAt(photo.display, 32, 24))).toBe(true)
  })
})

describe('processPhoto: refusals', () => {
  it('refuses an empty upload', async () => {
    await expectRejected(Buffer.alloc(0), 'empty')
  })

  it('refuses an upload over 10 MiB before looking at its content, and takes exactly 10 MiB', async () => {
    const jpeg = await cameraJpeg(60, 40)
    // A valid JPEG padded after its end marker: decoders ignore the padding, so only the size decides.
    const padded = (size: number) => Buffer.concat([jpeg, Buffer.alloc(size - jpeg.length)])
    await expectRejected(padded(PHOTO_LIMITS.maxBytes + 1), 'too_large')
    await expect(processPhoto(padded(PHOTO_LIMITS.maxBytes))).resolves.toMatchObject({
      width: 60,
      height: 40,
    })
    // Too large wins even over content that would be refused anyway.
    await expectRejected(Buffer.alloc(PHOTO_LIMITS.maxBytes + 1, 0x41), 'too_large')
  })

  it('refuses by content whatever the file claims to be: GIF, PDF, SVG, text', async () => {
    const gif = await rejectionOf(await gifImage())
    expect([gif.reason, gif.detectedType]).toEqual(['unsupported_type', 'image/gif'])
    const pdf = await rejectionOf(pdfDocument())
    expect([pdf.reason, pdf.detectedType]).toEqual(['unsupported_type', 'application/pdf'])
    // SVG is never handed to a decoder: it is text to the sniffer, and text is not a photo.
    await expectRejected(svgImage(), 'unsupported_type')
    // "anh-o-ga.jpg" that is really a note: the name and declared type are never consulted.
    const text = await rejectionOf(
      Buffer.from('Ổ gà trước số 12 đường Lê Lợi, phường Sài Gòn.'.normalize('NFC')),
    )
    expect([text.reason, text.detectedType]).toEqual(['unsupported_type', null])
  })

  it('refuses a truncated JPEG or PNG and a file that only starts like a JPEG', async () => {
    const jpeg = await noisyJpeg(400, 300)
    await expectRejected(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'corrupt')
    const png = await twoToneRaw(400, 300).png().toBuffer()
    await expectRejected(png.subarray(0, Math.floor(png.length / 2)), 'corrupt')
    await expectRejected(
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 0x5a)]),
      'corrupt',
    )
  })

  it('accepts a JPEG whose decoder only warns (extra bytes before a marker, as some phones write)', async () => {
    const jpeg = await noisyJpeg(400, 300)
    const startOfScan = jpeg.indexOf(Buffer.from([0xff, 0xda]))
    const withJunk = Buffer.concat([
      jpeg.subarray(0, startOfScan),
      Buffer.from([1, 2, 3]),
      jpeg.subarray(startOfScan),
    ])
    // libjpeg does complain about this file: the strictest setting would refuse it.
    await expect(sharp(withJunk, { failOn: 'warning' }).toBuffer()).rejects.toThrow(/extraneous bytes/)

    await expect(processPhoto(withJunk)).resolves.toMatchObject({ width: 400, height: 300 })
  })

  it('refuses a decompression bomb from its header: a 10000×10000 PNG of a few kilobytes', async () => {
    const bomb = hugePng(10_000, 10_000)
    expect(bomb.length).toBeLessThan(64 * 1024)
    expect(await sharp(bomb).metadata()).toMatchObject({ width: 10_000, height: 10_000 })
    await expectRejected(bomb, 'too_many_pixels')
  })

  it('counts pixels as width × height against the limit, inclusive', async () => {
    const image = await cameraJpeg(100, 50)
    await expect(processPhoto(image, { ...PHOTO_LIMITS, maxPixels: 5000 })).resolves.toMatchObject({
      width: 100,
    })
    await expectRejected(image, 'too_many_pixels', { ...PHOTO_LIMITS, maxPixels: 4999 })
  })
})
