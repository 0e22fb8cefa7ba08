/** The scenario catalogue, in the order the book meets them. Ids are stable: the site and CI use them. */
import type { Scenario } from '../src/scenario/define.ts';
import baselineUmount from './baseline-umount.ts';
import kthreadLazyUmount from './kthread-lazy-umount.ts';
import deferredBatch from './deferred-batch.ts';
import umountWaitLazy from './umount-wait-lazy.ts';
import umountWaitOnlyCase from './umount-wait-only-case.ts';
import justBefore from './just-before.ts';
import justPast from './just-past.ts';
import twoNamespaces from './two-namespaces.ts';
import unrelatedFlush from './unrelated-flush.ts';
import vendorJustBefore from './vendor-just-before.ts';
import vendorJustPast from './vendor-just-past.ts';
import vendorTwoNamespaces from './vendor-two-namespaces.ts';
import shutdownIoctl from './shutdown-ioctl.ts';
import shutdownIoctlNoDiscard from './shutdown-ioctl-no-discard.ts';
import umountRetries from './umount-retries.ts';
import windowWithFlag from './window-with-flag.ts';
import windowWithoutFlag from './window-without-flag.ts';
import androidKthreadFile from './android-kthread-file.ts';
import androidSecondNamespace from './android-second-namespace.ts';
import androidSecondMount from './android-second-mount.ts';
import androidLazyUmount from './android-lazy-umount.ts';
import workedExample from './worked-example.ts';

export const CATALOGUE: readonly Scenario[] = [
  baselineUmount,
  kthreadLazyUmount,
  deferredBatch,
  umountWaitLazy,
  umountWaitOnlyCase,
  justBefore,
  justPast,
  twoNamespaces,
  unrelatedFlush,
  vendorJustBefore,
  vendorJustPast,
  vendorTwoNamespaces,
  windowWithoutFlag,
  windowWithFlag,
  umountRetries,
  shutdownIoctl,
  shutdownIoctlNoDiscard,
  androidKthreadFile,
  androidSecondNamespace,
  androidSecondMount,
  androidLazyUmount,
  workedExample,
];
