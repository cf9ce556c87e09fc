//! The bytes of a statistics file: unsigned LEB128 numbers, length-prefixed
//! strings, and a reader that checks every length against what is left, so a
//! damaged or hostile file is an error, never a panic or a huge allocation.

/// Appends numbers and strings.
#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, b: u8) {
        self.bytes.push(b);
    }

    pub fn num(&mut self, mut n: u64) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    /// Eight bytes, little-endian: a hash, which LEB128 would not shorten.
    pub fn u64(&mut self, n: u64) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }

    pub fn str(&mut self, s: &str) {
        self.num(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }
}

/// Reads what [`Writer`] wrote.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

pub type Result<T> = std::result::Result<T, String>;

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    fn damaged(&self, what: &str) -> String {
        format!("damaged statistics file: {what} at byte {}", self.at)
    }

    pub fn is_empty(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub fn u8(&mut self) -> Result<u8> {
        let b = *self.bytes.get(self.at).ok_or_else(|| self.damaged("cut short"))?;
        self.at += 1;
        Ok(b)
    }

    pub fn num(&mut self) -> Result<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return Err(self.damaged("number past 64 bits"));
            }
            n |= part << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(self.damaged("number past 64 bits"))
    }

    /// What [`Writer::u64`] wrote.
    pub fn u64(&mut self) -> Result<u64> {
        let end = self.at.checked_add(8).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else { return Err(self.damaged("cut short")) };
        let n = u64::from_le_bytes(self.bytes[self.at..end].try_into().expect("eight bytes"));
        self.at = end;
        Ok(n)
    }

    pub fn u32(&mut self) -> Result<u32> {
        let n = self.num()?;
        u32::try_from(n).map_err(|_| self.damaged("number past 32 bits"))
    }

    /// A count of items that each take at least one byte: never more than
    /// the bytes left, so no allocation is sized by a lie.
    pub fn len(&mut self) -> Result<usize> {
        let n = self.num()?;
        if n > (self.bytes.len() - self.at) as u64 {
            return Err(self.damaged("length past the end"));
        }
        Ok(n as usize)
    }

    /// The next of strictly increasing keys, each written as the difference
    /// from the one before (the first from 0); `last` is the one before.
    pub fn key(&mut self, last: &mut Option<u64>) -> Result<u64> {
        let delta = self.num()?;
        let key = match *last {
            None => Some(delta),
            Some(l) if delta > 0 => l.checked_add(delta),
            Some(_) => None,
        };
        let key = key.ok_or_else(|| self.damaged("keys out of order"))?;
        *last = Some(key);
        Ok(key)
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    /// Bytes read so far.
    pub fn position(&self) -> usize {
        self.at
    }

    /// Skips `n` bytes (a length [`Reader::len`] checked).
    pub fn skip(&mut self, n: usize) -> Result<()> {
        if n > self.bytes.len() - self.at {
            return Err(self.damaged("length past the end"));
        }
        self.at += n;
        Ok(())
    }

    pub fn str(&mut self) -> Result<&'a str> {
        let n = self.len()?;
        let s = &self.bytes[self.at..self.at + n];
        let s = std::str::from_utf8(s).map_err(|_| self.damaged("text not UTF-8"))?;
        self.at += n;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_strings_round_trip_and_lies_are_errors() {
        let mut w = Writer::default();
        for n in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            w.num(n);
        }
        w.str("Ryabkov");
        let mut r = Reader::new(&w.bytes);
        for n in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(r.num().unwrap(), n);
        }
        assert_eq!(r.str().unwrap(), "Ryabkov");
        assert!(r.is_empty() && r.u8().is_err());
        // Eleven continuation bytes, a length past the end, a bad string.
        assert!(Reader::new(&[0xff; 11]).num().is_err());
        assert!(Reader::new(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]).num().is_err());
        assert!(Reader::new(&[5, b'a']).str().is_err());
        assert!(Reader::new(&[2, 0xff, 0xfe]).str().is_err());
        assert!(Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x10]).u32().is_err());
    }
}
