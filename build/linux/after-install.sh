#!/bin/bash
# The deb's after-install script (electron-builder's own, templates/linux/after-install.tpl, with one
# change): /usr/bin/${executable} is the `berth` command, a link to the launcher that runs the CLI with the
# app's binary (resources/bin/berth), not to the binary itself, which opens the window, and never in place
# of another program's berth. The desktop entry starts /opt/${sanitizedProductName}/${executable} directly.

LAUNCHER='/opt/${sanitizedProductName}/resources/bin/berth'
COMMAND='/usr/bin/berth'

# /usr/bin/berth is Berth's to set only when it is missing or Berth's already: the alternatives link, or a
# link to this package's launcher or binary (an earlier Berth). Another program's berth (a file, or a link
# elsewhere, which update-alternatives would replace) stays as it is.
target=''
if [ -L "$COMMAND" ]; then
    target=$(readlink "$COMMAND")
fi
if [ -e "$COMMAND" -o -L "$COMMAND" ] && [ "$target" != '/etc/alternatives/berth' ] && [ "$target" != "$LAUNCHER" ] && [ "$target" != '/opt/${sanitizedProductName}/${executable}' ]; then
    echo "Berth: $COMMAND belongs to another program and stays; run $LAUNCHER for Berth's command." >&2
elif type update-alternatives >/dev/null 2>&1; then
    # A link of an earlier Berth that does not use update-alternatives.
    if [ -n "$target" -a "$target" != '/etc/alternatives/berth' ]; then
        rm -f "$COMMAND"
    fi
    # An earlier Berth registered the app binary itself under this name.
    update-alternatives --remove 'berth' '/opt/${sanitizedProductName}/${executable}' >/dev/null 2>&1 || true
    update-alternatives --install "$COMMAND" 'berth' "$LAUNCHER" 100 || ln -sf "$LAUNCHER" "$COMMAND"
else
    ln -sf "$LAUNCHER" "$COMMAND"
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# Install apparmor profile. (Ubuntu 24+)
# First check if the version of AppArmor running on the device supports our profile.
# This is in order to keep backwards compatibility with Ubuntu 22.04 which does not support abi/4.0.
# In that case, we just skip installing the profile since the app runs fine without it on 22.04.
#
# Those apparmor_parser flags are akin to performing a dry run of loading a profile.
# https://wiki.debian.org/AppArmor/HowToUse#Dumping_profiles
#
# Unfortunately, at the moment AppArmor doesn't have a good story for backwards compatibility.
# https://askubuntu.com/questions/1517272/writing-a-backwards-compatible-apparmor-profile
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"

    # Updating the current AppArmor profile is not possible and probably not meaningful in a chroot'ed environment.
    # Use cases are for example environments where images for clients are maintained.
    # There, AppArmor might correctly be installed, but live updating makes no sense.
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      # Extra flags taken from dh_apparmor:
      # > By using '-W -T' we ensure that any abstraction updates are also pulled in.
      # https://wiki.debian.org/AppArmor/Contribute/FirstTimeProfileImport
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi
