#!/bin/bash
# The deb's after-remove script (electron-builder's own, templates/linux/after-remove.tpl, with one change):
# the /usr/bin/berth link goes to the `berth` launcher (see after-install.sh), so that is what is removed,
# and only when it is Berth's.

LAUNCHER='/opt/${sanitizedProductName}/resources/bin/berth'
COMMAND='/usr/bin/berth'

if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove 'berth' "$LAUNCHER" >/dev/null 2>&1 || true
fi
# A plain link to the launcher (no update-alternatives, or it failed at install) goes too; another
# program's berth stays.
if [ -L "$COMMAND" ] && [ "$(readlink "$COMMAND")" = "$LAUNCHER" ]; then
    rm -f "$COMMAND"
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'

# Remove and unload apparmor profile.
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  # Unload the profile from the running kernel before deleting the file so the
  # policy is not left enforced until the next reboot.  Mirror the chroot guard
  # used in the after-install script — live AppArmor operations are not
  # meaningful inside a chroot.
  # https://wiki.debian.org/AppArmor/HowToUse
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi