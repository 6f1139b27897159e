// Frames for the decoder are cut from the video: only the region of interest that the
// overlay marks is decoded, which keeps each decode small and ignores codes at the edges.

/** Share of the video width and height that the region of interest covers, centred. */
export const REGION_WIDTH_SHARE = 0.7;
export const REGION_HEIGHT_SHARE = 0.5;

/**
 * Frames are scaled down to at most this width before cropping. A guess: enough pixels
 * per module for a retail barcode held at arm's length, with under half the pixels of
 * a 1080p frame.
 */
export const MAX_FRAME_WIDTH_PX = 1_280;

/** The pixel rectangle of the region of interest in a frame of the given size. */
export interface FrameRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Computes the region of interest in a video frame of `videoWidth` × `videoHeight`. */
export function regionOfInterest(videoWidth: number, videoHeight: number): FrameRegion {
  const width = Math.round(videoWidth * REGION_WIDTH_SHARE);
  const height = Math.round(videoHeight * REGION_HEIGHT_SHARE);
  return { x: Math.round((videoWidth - width) / 2), y: Math.round((videoHeight - height) / 2), width, height };
}

type FrameCanvas = OffscreenCanvas | HTMLCanvasElement;
type FrameContext = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** Grabs the region of interest of the current video frame as pixels. */
export interface FrameGrabber {
  /** Returns the pixels, or undefined while the video has no frame yet. */
  grab(video: HTMLVideoElement): ImageData | undefined;
}

/** Creates a grabber with one reusable canvas, an OffscreenCanvas where the browser has one. */
export function createFrameGrabber(): FrameGrabber {
  const canvas: FrameCanvas =
    typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
  // willReadFrequently keeps the canvas in memory, which makes getImageData cheap.
  const context = canvas.getContext('2d', { willReadFrequently: true }) as FrameContext | null;
  if (context === null) throw new Error('This browser cannot draw video frames to a canvas.');

  return {
    grab(video) {
      const { videoWidth, videoHeight } = video;
      if (videoWidth === 0 || videoHeight === 0 || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return undefined;

      const region = regionOfInterest(videoWidth, videoHeight);
      const scale = Math.min(1, MAX_FRAME_WIDTH_PX / videoWidth);
      const width = Math.max(1, Math.round(region.width * scale));
      const height = Math.max(1, Math.round(region.height * scale));
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      context.drawImage(video, region.x, region.y, region.width, region.height, 0, 0, width, height);
      return context.getImageData(0, 0, width, height);
    },
  };
}
