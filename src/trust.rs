//! One trust rule for every file a run finds in a folder above what it
//! was given: a configuration and its lint files, ignore files, the `.git`
//! that marks a repository's root. Another user may have planted it (a
//! shared parent folder, `/tmp`): it is used only when it belongs to the
//! user or root and no one else can change it.
//!
//! It depends on nothing else in the crate.

use std::path::Path;

/// Why a file or folder found above the run's paths should not be trusted:
/// it belongs to another user (not root), or others can write to it:
/// everyone, or a group that has members other than the user. `None` when
/// it is the user's or root's and only they can change it, or when it
/// cannot be read (reading it reports that).
#[cfg(unix)]
pub fn untrusted(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::symlink_metadata(path).ok()?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me && meta.uid() != 0 {
        return Some(format!("owned by another user (uid {})", meta.uid()));
    }
    if meta.mode() & 0o002 != 0 {
        return Some("others can write to it".into());
    }
    // Group-writable is fine for a private group (umask 002): one whose
    // only member is the user. A group other users share is others.
    if meta.mode() & 0o020 != 0 && group_has_others(meta.gid(), me) {
        return Some(format!("its group (gid {}) has other members, who can write to it", meta.gid()));
    }
    None
}

/// Elsewhere, no owners to check.
#[cfg(not(unix))]
pub fn untrusted(_path: &Path) -> Option<String> {
    None
}

/// Whether the folder `dir` is a repository's root: it holds a `.git` that
/// [`untrusted`] accepts. A `.git` planted by another user in a shared
/// parent folder marks nothing: it would move where ignore files and
/// configuration discovery stop.
pub fn is_repo_root(dir: &Path) -> bool {
    let git = dir.join(".git");
    git.exists() && untrusted(&git).is_none()
}

/// Whether group `gid` has a member other than user `me`: a listed member,
/// or another user whose primary group it is. When the group database
/// cannot be read, it is taken to have others.
#[cfg(unix)]
fn group_has_others(gid: u32, me: u32) -> bool {
    use std::ffi::CStr;
    // SAFETY: the *_r calls write into the buffers given, whose sizes are
    // passed; the pointers they return point into those buffers, read
    // before the buffers go. getpwent walks the database in this thread
    // (the run reads it once, while setting up, before any thread starts).
    unsafe {
        let mut buf = vec![0 as libc::c_char; 1 << 16];
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let my_name = if libc::getpwuid_r(me, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found) == 0
            && !found.is_null()
        {
            CStr::from_ptr(pwd.pw_name).to_owned()
        } else {
            return true;
        };
        let mut gbuf = vec![0 as libc::c_char; 1 << 16];
        let mut grp: libc::group = std::mem::zeroed();
        let mut gfound: *mut libc::group = std::ptr::null_mut();
        if libc::getgrgid_r(gid, &mut grp, gbuf.as_mut_ptr(), gbuf.len(), &mut gfound) != 0
            || gfound.is_null()
        {
            return true;
        }
        let mut m = grp.gr_mem;
        while !m.is_null() && !(*m).is_null() {
            if CStr::from_ptr(*m) != my_name.as_c_str() {
                return true;
            }
            m = m.add(1);
        }
        libc::setpwent();
        let mut others = false;
        loop {
            let p = libc::getpwent();
            if p.is_null() {
                break;
            }
            if (*p).pw_gid == gid && (*p).pw_uid != me {
                others = true;
                break;
            }
        }
        libc::endpwent();
        others
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_group_shared_with_another_user_is_others() {
        // SAFETY: no preconditions.
        let me = unsafe { libc::geteuid() };
        // Some other user's primary group, from the password database.
        let other = std::fs::read_to_string("/etc/passwd").ok().and_then(|p| {
            p.lines().find_map(|l| {
                let f: Vec<&str> = l.split(':').collect();
                let (uid, gid) = (f.get(2)?.parse::<u32>().ok()?, f.get(3)?.parse::<u32>().ok()?);
                (uid != me && gid != 0).then_some(gid)
            })
        });
        if let Some(gid) = other {
            assert!(group_has_others(gid, me), "gid {gid}");
        }
    }
}
