// The Local images page's words: the engine bar and its problems, the images table, and the pull, push and
// untag dialogs. The Chinese is in renderer/i18n/zh-CN/local-images.json.
import { defineMessages } from '../../i18n/index.js';

export const localImages = defineMessages({
  title: { id: 'local-images.title', defaultMessage: 'Local images' },
  pullButton: { id: 'local-images.pullButton', defaultMessage: 'Pull…' },
  lookingForEngine: {
    id: 'local-images.lookingForEngine',
    defaultMessage: 'Looking for the container engine…',
  },
  images: { id: 'local-images.images', defaultMessage: 'Images' },
  filterLabel: { id: 'local-images.filterLabel', defaultMessage: 'Filter images' },
  filterPlaceholder: { id: 'local-images.filterPlaceholder', defaultMessage: 'Filter by name or ID' },
  listing: { id: 'local-images.listing', defaultMessage: 'Listing images…' },
  noRegistries: { id: 'local-images.noRegistries', defaultMessage: 'No saved registries' },
  noRegistriesText: {
    id: 'local-images.noRegistriesText',
    defaultMessage:
      'Pulls and pushes go to a registry you saved in Berth. Add one first, then come back here.',
  },
  goToRegistries: { id: 'local-images.goToRegistries', defaultMessage: 'Go to Registries' },
  untagged: {
    id: 'local-images.untagged',
    defaultMessage: 'Removed the tag {name}.',
  },
  untaggedDeleted: {
    id: 'local-images.untaggedDeleted',
    defaultMessage: 'Removed the tag {name}. The image {id} was deleted with it.',
  },
});

export const table = defineMessages({
  empty: {
    id: 'local-images.empty',
    defaultMessage: 'This engine has no images yet. Pull one from a saved registry.',
  },
  counts: {
    id: 'local-images.counts',
    defaultMessage:
      '{names, plural, one {# name} other {# names}} on {images, plural, one {# image} other {# images}}',
  },
  matches: { id: 'local-images.matches', defaultMessage: '{shown} of {total} names match' },
  noMatch: { id: 'local-images.noMatch', defaultMessage: 'No local image matches “{filter}”.' },
  caption: { id: 'local-images.caption', defaultMessage: 'Local images' },
  repository: { id: 'local-images.repository', defaultMessage: 'Repository' },
  tag: { id: 'local-images.tag', defaultMessage: 'Tag' },
  imageId: { id: 'local-images.imageId', defaultMessage: 'Image ID' },
  created: { id: 'local-images.created', defaultMessage: 'Created' },
  size: { id: 'local-images.size', defaultMessage: 'Size' },
  actions: { id: 'local-images.actions', defaultMessage: 'Actions' },
  dangling: { id: 'local-images.dangling', defaultMessage: 'dangling' },
  danglingTitle: {
    id: 'local-images.danglingTitle',
    defaultMessage: 'No tag and no digest name: nothing refers to it',
  },
  byDigest: { id: 'local-images.byDigest', defaultMessage: 'by digest' },
  /** A row's accessible name for an image without a tag: `{repository}` or none, then its ID. */
  danglingRow: {
    id: 'local-images.danglingRow',
    defaultMessage: '{repository, select, none {dangling} other {{repository}}} {id}',
  },
  push: { id: 'local-images.push', defaultMessage: 'Push {name}' },
  pushButton: { id: 'local-images.pushButton', defaultMessage: 'Push…' },
  removeTag: { id: 'local-images.removeTag', defaultMessage: 'Remove tag {name}' },
  removeTagButton: { id: 'local-images.removeTagButton', defaultMessage: 'Remove tag…' },
  justNow: { id: 'local-images.justNow', defaultMessage: 'just now' },
  ago: {
    id: 'local-images.ago',
    defaultMessage:
      '{unit, select, year {{count, plural, one {# year ago} other {# years ago}}} month {{count, plural, one {# month ago} other {# months ago}}} week {{count, plural, one {# week ago} other {# weeks ago}}} day {{count, plural, one {# day ago} other {# days ago}}} hour {{count, plural, one {# hour ago} other {# hours ago}}} other {{count, plural, one {# minute ago} other {# minutes ago}}}}',
  },
});

export const engine = defineMessages({
  engine: { id: 'local-images.engine', defaultMessage: 'Engine' },
  notAvailable: { id: 'local-images.notAvailable', defaultMessage: 'Not available' },
  use: { id: 'local-images.use', defaultMessage: 'Use' },
  switching: { id: 'local-images.switching', defaultMessage: 'Switching…' },
  notRemembered: {
    id: 'local-images.notRemembered',
    defaultMessage: 'Berth uses this engine until it quits, but cannot remember it for the next start: {why}',
  },
  settingsNotWritten: {
    id: 'local-images.settingsNotWritten',
    defaultMessage: 'the settings file could not be written',
  },
  /** `{state}` is notRunning, permissionDenied, unreachable or unsupported. */
  problemTitle: {
    id: 'local-images.problemTitle',
    defaultMessage:
      '{state, select, notRunning {The container engine is not running} permissionDenied {Berth may not use the container engine} unreachable {The container engine does not answer} other {This container engine cannot be used}}',
  },
  whyAddress: { id: 'local-images.whyAddress', defaultMessage: 'Why this address: {reason}.' },
  howToFix: { id: 'local-images.howToFix', defaultMessage: 'How to fix it' },
  /** The core's hint for an engine that is not running (electron/core/docker/errors.ts), in words. */
  hintNotRunning: {
    id: 'local-images.hintNotRunning',
    defaultMessage:
      'Start the engine (Docker Desktop, `sudo systemctl start docker`, or `systemctl --user start podman.socket`), or choose another engine under Engine on the Local images page.',
  },
  /** The core's hint for a socket Berth may not open. */
  hintPermission: {
    id: 'local-images.hintPermission',
    defaultMessage:
      'Add your user to the docker group (`sudo usermod -aG docker $USER`, then log out and in again), or use a rootless engine such as Podman’s rootless socket.',
  },
  notInstalled: {
    id: 'local-images.notInstalled',
    defaultMessage:
      'None of the usual engine sockets exist on this machine, so Docker or Podman may not be installed: install Docker Engine (or Docker Desktop) or Podman, start it, then check again.',
  },
  checkAgain: { id: 'local-images.checkAgain', defaultMessage: 'Check again' },
  orChoose: { id: 'local-images.orChoose', defaultMessage: 'or choose another engine above.' },
  /** Why Berth talks to an address (the core's reasons, electron/core/docker/discovery.ts, in words). */
  reasonChosen: { id: 'local-images.reasonChosen', defaultMessage: 'chosen in Berth' },
  reasonChosenFound: { id: 'local-images.reasonChosenFound', defaultMessage: 'chosen in Berth: {reason}' },
  reasonStartOption: {
    id: 'local-images.reasonStartOption',
    defaultMessage: 'chosen when Berth was started',
  },
  reasonDockerHost: { id: 'local-images.reasonDockerHost', defaultMessage: 'DOCKER_HOST is set' },
  reasonDefault: { id: 'local-images.reasonDefault', defaultMessage: 'the platform default' },
  reasonContext: { id: 'local-images.reasonContext', defaultMessage: '{why}: context "{name}"' },
  reasonDockerContext: { id: 'local-images.reasonDockerContext', defaultMessage: 'DOCKER_CONTEXT is set' },
  reasonAContext: { id: 'local-images.reasonAContext', defaultMessage: 'a Docker context' },
  reasonCurrentContext: {
    id: 'local-images.reasonCurrentContext',
    defaultMessage: 'currentContext in {file}',
  },
  reasonFallback: {
    id: 'local-images.reasonFallback',
    defaultMessage: '{missing} does not exist; {found} does',
  },
  /** A well-known socket: `{which}` is dockerDesktopEngine, dockerDesktopSocket, podmanRootful, podmanRootless, podmanMachinePipe or podmanMachine. */
  reasonSocket: {
    id: 'local-images.reasonSocket',
    defaultMessage:
      '{which, select, dockerDesktopEngine {Docker Desktop’s engine} dockerDesktopSocket {Docker Desktop’s socket} podmanRootful {Podman’s rootful socket} podmanRootless {Podman’s rootless socket} podmanMachinePipe {Podman machine’s Docker-compatible pipe} other {Podman machine’s socket}}',
  },
  /** An option of the engine switch: where Berth found the address. */
  source: {
    id: 'local-images.source',
    defaultMessage:
      '{source, select, chosen {chosen} DOCKER_HOST {DOCKER_HOST} context {context {context}} default {default socket} dockerDesktop {Docker Desktop} podmanRootful {Podman, rootful} other {Podman, rootless}}',
  },
  candidate: { id: 'local-images.candidate', defaultMessage: '{host} ({source})' },
  candidateMissing: { id: 'local-images.candidateMissing', defaultMessage: '{host} ({source}) — no socket' },
});

export const dialogs = defineMessages({
  starting: { id: 'local-images.starting', defaultMessage: 'Starting…' },
  repository: { id: 'local-images.dialogRepository', defaultMessage: 'Repository' },
  tag: { id: 'local-images.dialogTag', defaultMessage: 'Tag' },
  nameRepository: { id: 'local-images.nameRepository', defaultMessage: 'Name a repository.' },
  notDigest: { id: 'local-images.notDigest', defaultMessage: 'Give a tag, not a digest.' },
  invalidName: {
    id: 'local-images.invalidName',
    defaultMessage:
      'The engine would not take {reference}: a repository is lower-case letters and digits in parts separated by /, and a tag is up to 128 letters, digits, _ . and -.',
  },
  pullTitle: { id: 'local-images.pullTitle', defaultMessage: 'Pull an image' },
  platformOptional: { id: 'local-images.platformOptional', defaultMessage: 'Platform (optional)' },
  enginePulls: {
    id: 'local-images.enginePulls',
    defaultMessage: 'The engine pulls {reference}; progress shows on this page and in Transfers.',
  },
  enginePullsFor: {
    id: 'local-images.enginePullsFor',
    defaultMessage:
      'The engine pulls {reference} for {platform}; progress shows on this page and in Transfers.',
  },
  chooseRegistryPull: {
    id: 'local-images.chooseRegistryPull',
    defaultMessage: 'Choose the registry to pull from first.',
  },
  typeRepository: {
    id: 'local-images.typeRepository',
    defaultMessage: 'Type the repository to pull first, such as team/app.',
  },
  pull: { id: 'local-images.pull', defaultMessage: 'Pull' },
  pushTitle: { id: 'local-images.pushTitle', defaultMessage: 'Push {name}' },
  toRegistry: { id: 'local-images.toRegistry', defaultMessage: 'To registry' },
  enginePushesOwn: {
    id: 'local-images.enginePushesOwn',
    defaultMessage:
      'The engine pushes {reference}. That is already the name of this image. Progress shows on this page and in Transfers.',
  },
  enginePushesKeep: {
    id: 'local-images.enginePushesKeep',
    defaultMessage:
      'The engine pushes {reference}. Berth tags the image with that name first, and the tag stays. Progress shows on this page and in Transfers.',
  },
  enginePushesTemporary: {
    id: 'local-images.enginePushesTemporary',
    defaultMessage:
      'The engine pushes {reference}. Berth tags the image with that name for the push and removes the tag afterwards. Progress shows on this page and in Transfers.',
  },
  keepTag: { id: 'local-images.keepTag', defaultMessage: 'Keep the new tag on the local image' },
  chooseRegistryPush: {
    id: 'local-images.chooseRegistryPush',
    defaultMessage: 'Choose the registry to push to first.',
  },
  push: { id: 'local-images.pushAction', defaultMessage: 'Push' },
  untagTitle: { id: 'local-images.untagTitle', defaultMessage: 'Remove tag {name}?' },
  untagText: {
    id: 'local-images.untagText',
    defaultMessage:
      'Removes the name <b>{name}</b> from the local image {id}, like {command} without force. Registries are not touched.',
  },
  stays: { id: 'local-images.stays', defaultMessage: 'The image stays: it is still tagged {tags}.' },
  lastTag: {
    id: 'local-images.lastTag',
    defaultMessage:
      'This is the image’s last tag, so the engine deletes the image ({size}) with it. If a container uses the image, the engine refuses and nothing changes; Berth does not force it.',
  },
  removing: { id: 'local-images.removing', defaultMessage: 'Removing…' },
  removeTag: { id: 'local-images.removeTagAction', defaultMessage: 'Remove tag' },
});

export const jobs = defineMessages({
  pullsAndPushes: { id: 'local-images.pullsAndPushes', defaultMessage: 'Pulls and pushes' },
  dismiss: { id: 'local-images.dismiss', defaultMessage: 'Dismiss {title}' },
  done: { id: 'local-images.jobDone', defaultMessage: 'done' },
  doneSize: { id: 'local-images.jobDoneSize', defaultMessage: 'done · {size}' },
  items: { id: 'local-images.jobItems', defaultMessage: '{done} of {total} items' },
  bytes: { id: 'local-images.jobBytes', defaultMessage: '{done} of {total}' },
  bytesItems: { id: 'local-images.jobBytesItems', defaultMessage: '{done} of {total} · {items}' },
  starting: { id: 'local-images.jobStarting', defaultMessage: 'starting…' },
  status: {
    id: 'local-images.jobStatus',
    defaultMessage:
      '{status, select, failed {failed} cancelled {cancelled} interrupted {interrupted} other {{status}}}',
  },
});
