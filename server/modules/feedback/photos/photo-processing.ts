import { createHash } from 'node:crypto'
import exifr from 'exifr'
import { fileTypeFromBuffer } from 'file-type'
import sharp, { type Metadata, type SharpOptions } from 'sharp'

/**
 * Feedback photos: what a resident uploads is untrusted bytes. This module decides from the content
 * alone whether it is a photo we take, refuses what could exhaust the server before decoding it,
 * and makes the copies that are published: re-encoded, turned upright, resized, with every piece of
 * metadata (GPS above all) removed. The position the camera recorded is handed back separately for
 * officials; it is never part of a published file. No routes, no storage: the feedback service
 * calls `processPhoto` and stores what it returns.
 */

export interface PhotoLimits {
  /** Largest upload accepted, checked before anything else looks at the bytes. */
  maxBytes: number
  /** width × height of the (first) frame, read from the header before decoding: stops decompression bombs. */
  maxPixels: number
  /** Photos one report may carry (enforced by the caller, which sees the whole report). */
  maxPerReport: number
  /** Long edge of the published copy. */
  displayEdge: number
  /** Long edge of the thumbnail used in lists and on the map. */
  thumbEdge: number
}

export const PHOTO_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxPixels: 40_000_000,
  maxPerReport: 5,
  displayEdge: 1600,
  thumbEdge: 400,
} as const satisfies PhotoLimits

export type AcceptedPhotoType = 'image/jpeg' | 'image/png' | 'image/webp'

/**
 * Published copies are JPEG (mozjpeg, progressive): WebP would be ~25% smaller, but these files also
 * leave the platform — Open311 `media_url` for third-party apps, downloads pasted into official
 * documents, older phones' browsers — and JPEG opens everywhere.
 */
export type PublishedPhotoType = 'image/jpeg' | 'image/webp'
const OUTPUT_TYPE: PublishedPhotoType = 'image/jpeg'
const JPEG_OUTPUT = { quality: 82, mozjpeg: true } as const
/** Transparent PNG areas become white: JPEG has no alpha and black would hide the subject. */
const FLATTEN_BACKGROUND = '#ffffff'

/** sharp's name for each accepted type: the decoder must agree with the content sniffing. */
const ACCEPTED_FORMATS: Record<AcceptedPhotoType, Metadata['format']> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
}

export interface ProcessedPhoto {
  /** The published copy: upright, long edge ≤ displayEdge, no metadata. */
  display: Buffer
  /** Long edge ≤ thumbEdge, made from the display copy, no metadata. */
  thumbnail: Buffer
  contentType: PublishedPhotoType
  /** Of the display copy. */
  width: number
  height: number
  bytes: number
  /** What the upload really was, by its content. */
  sourceType: AcceptedPhotoType
  /** Where the camera says it was taken (EXIF GPS of the original), for officials only — never published. */
  gps: { lon: number; lat: number } | null
  /** Hex SHA-256 of the display copy: storage key and duplicate detection. */
  sha256: string
}

export type PhotoRejectionReason = 'too_large' | 'unsupported_type' | 'corrupt' | 'too_many_pixels' | 'empty'

/** A photo we will not take. `reason` is stable (mapped to problem codes); the message is for logs. */
export class PhotoRejected extends Error {
  override readonly name = 'PhotoRejected'

  constructor(
    readonly reason: PhotoRejectionReason,
    /** For `unsupported_type`: the type found in the content (e.g. `image/heic`), or null when unknown. */
    readonly detectedType: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(`photo rejected: ${reason}${detectedType ? ` (${detectedType})` : ''}`, options)
  }
}

/**
 * Checks and re-encodes one uploaded photo. Throws `PhotoRejected` for anything that is not a
 * readable JPEG, PNG or WebP within the limits; any other error is a bug or an exhausted machine.
 * Animated WebP/PNG are taken, as their first frame: refusing a resident's photo because their
 * phone saved it with motion would help no one.
 */
export async function processPhoto(
  input: Buffer,
  limits: PhotoLimits = PHOTO_LIMITS,
): Promise<ProcessedPhoto> {
  if (input.length === 0) throw new PhotoRejected('empty')
  if (input.length > limits.maxBytes) throw new PhotoRejected('too_large')

  const sourceType = await sniffType(input)
  const metadata = await readHeader(input, sourceType)
  if (metadata.width * metadata.height > limits.maxPixels) throw new PhotoRejected('too_many_pixels')

  const gps = await readGps(metadata.exif)
  const display = await render(input, limits)
  const thumbnail = await sharp(display.data)
    .resize({ width: limits.thumbEdge, height: limits.thumbEdge, fit: 'inside', withoutEnlargement: true })
    .jpeg(JPEG_OUTPUT)
    .toBuffer()

  return {
    display: display.data,
    thumbnail,
    contentType: OUTPUT_TYPE,
    width: display.info.width,
    height: display.info.height,
    bytes: display.data.length,
    sourceType,
    gps,
    sha256: createHash('sha256').update(display.data).digest('hex'),
  }
}

/** By magic bytes only: a declared Content-Type or file name says nothing about what the bytes are. */
async function sniffType(input: Buffer): Promise<AcceptedPhotoType> {
  const detected = await fileTypeFromBuffer(input)
  if (detected && Object.hasOwn(ACCEPTED_FORMATS, detected.mime)) return detected.mime as AcceptedPhotoType
  throw new PhotoRejected('unsupported_type', detected?.mime ?? null)
}

/** Header only (no pixels decoded): dimensions for the pixel limit, raw EXIF for the GPS. */
async function readHeader(
  input: Buffer,
  sourceType: AcceptedPhotoType,
): Promise<{ width: number; height: number; exif: Buffer | undefined }> {
  let metadata: Metadata
  try {
    metadata = await sharp(input).metadata()
  } catch (error) {
    throw new PhotoRejected('corrupt', null, { cause: error })
  }
  // libvips picks its decoder from the content too; a disagreement means a crafted or mangled file.
  if (metadata.format !== ACCEPTED_FORMATS[sourceType] || !metadata.width || !metadata.height) {
    throw new PhotoRejected('corrupt')
  }
  // For animated images the header's height is one frame's, which is all that is decoded.
  return { width: metadata.width, height: metadata.height, exif: metadata.exif }
}

async function render(input: Buffer, limits: PhotoLimits) {
  const options: SharpOptions = {
    // Turned upright from the EXIF orientation while the tag is still there; outputs then drop all metadata.
    autoOrient: true,
    // Truncated or undecodable pixel data is refused, but a decoder *warning* is not: many phones write
    // JPEGs with harmless oddities (extra bytes before a marker) that are perfectly good photos.
    failOn: 'error',
    // Second line of defence behind the header check, enforced by libvips itself while decoding.
    limitInputPixels: limits.maxPixels,
  }
  try {
    // sharp's default output carries no EXIF, XMP, IPTC or ICC: nothing to strip by hand.
    return await sharp(input, options)
      .resize({
        width: limits.displayEdge,
        height: limits.displayEdge,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .flatten({ background: FLATTEN_BACKGROUND })
      .jpeg(JPEG_OUTPUT)
      .toBuffer({ resolveWithObject: true })
  } catch (error) {
    // Decoding failed after a readable header: broken pixel data. (The libvips pixel limit can only
    // fire here if the decoder saw other dimensions than the header did: an inconsistent file too.)
    throw new PhotoRejected('corrupt', null, { cause: error })
  }
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1')

/**
 * The GPS position from the raw EXIF block sharp found (JPEG APP1, PNG eXIf or WebP EXIF chunk alike),
 * so one reader serves the three formats. Best effort: a broken or absent GPS block gives null, never
 * a refused photo. 0,0 is what cameras without a fix write, not a place anyone reports from, so it
 * counts as no position.
 */
async function readGps(exif: Buffer | undefined): Promise<{ lon: number; lat: number } | null> {
  if (!exif || exif.length < 8) return null
  const tiff = exif.subarray(0, EXIF_HEADER.length).equals(EXIF_HEADER)
    ? exif.subarray(EXIF_HEADER.length)
    : exif
  let position: { latitude?: unknown; longitude?: unknown } | undefined
  try {
    position = await exifr.gps(tiff)
  } catch {
    return null
  }
  const lat = position?.latitude
  const lon = position?.longitude
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    return null
  }
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) return null
  return { lon, lat }
}
