//! A minimal, bounds-checked FlatBuffers reader: just enough to walk the TFLite schema.
//! Every read checks its range, so a corrupt model gives an error instead of a panic.

use crate::error::ClassifyError;

type Result<T> = std::result::Result<T, ClassifyError>;

fn corrupt(what: &str) -> ClassifyError {
    ClassifyError::model(format!("corrupt TFLite flatbuffer: {what}"))
}

#[derive(Clone, Copy)]
pub struct Table<'a> {
    buf: &'a [u8],
    pos: usize,
    vtable: usize,
    vtable_len: usize,
}

fn read_u16(buf: &[u8], pos: usize) -> Result<u16> {
    buf.get(pos..pos + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .ok_or_else(|| corrupt("u16 out of range"))
}

fn read_u32(buf: &[u8], pos: usize) -> Result<u32> {
    buf.get(pos..pos + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| corrupt("u32 out of range"))
}

/// Follows a uoffset stored at `pos` (offsets are relative to where they are stored).
fn follow(buf: &[u8], pos: usize) -> Result<usize> {
    pos.checked_add(read_u32(buf, pos)? as usize)
        .filter(|&p| p < buf.len())
        .ok_or_else(|| corrupt("offset out of range"))
}

impl<'a> Table<'a> {
    pub fn root(buf: &'a [u8]) -> Result<Self> {
        Self::at(buf, follow(buf, 0)?)
    }

    fn at(buf: &'a [u8], pos: usize) -> Result<Self> {
        let soffset = read_u32(buf, pos)? as i32 as i64;
        let vtable = usize::try_from(pos as i64 - soffset).map_err(|_| corrupt("vtable"))?;
        let vtable_len = read_u16(buf, vtable)? as usize;
        Ok(Table { buf, pos, vtable, vtable_len })
    }

    /// Absolute position of field `index`, or None when the field is absent (default value).
    fn field(&self, index: usize) -> Result<Option<usize>> {
        let entry = 4 + 2 * index;
        if entry + 2 > self.vtable_len {
            return Ok(None);
        }
        let offset = read_u16(self.buf, self.vtable + entry)? as usize;
        Ok(if offset == 0 { None } else { Some(self.pos + offset) })
    }

    pub fn u8_or(&self, index: usize, default: u8) -> Result<u8> {
        match self.field(index)? {
            Some(p) => self.buf.get(p).copied().ok_or_else(|| corrupt("u8 field")),
            None => Ok(default),
        }
    }

    pub fn i32_or(&self, index: usize, default: i32) -> Result<i32> {
        match self.field(index)? {
            Some(p) => Ok(read_u32(self.buf, p)? as i32),
            None => Ok(default),
        }
    }

    pub fn f32_or(&self, index: usize, default: f32) -> Result<f32> {
        match self.field(index)? {
            Some(p) => Ok(f32::from_bits(read_u32(self.buf, p)?)),
            None => Ok(default),
        }
    }

    pub fn table(&self, index: usize) -> Result<Option<Table<'a>>> {
        match self.field(index)? {
            Some(p) => Ok(Some(Table::at(self.buf, follow(self.buf, p)?)?)),
            None => Ok(None),
        }
    }

    /// A vector field as (start of elements, element count); empty when absent.
    fn vector(&self, index: usize, element_size: usize) -> Result<(usize, usize)> {
        let Some(p) = self.field(index)? else { return Ok((0, 0)) };
        let start = follow(self.buf, p)?;
        let len = read_u32(self.buf, start)? as usize;
        let end = len
            .checked_mul(element_size)
            .and_then(|bytes| (start + 4).checked_add(bytes))
            .ok_or_else(|| corrupt("vector length"))?;
        if end > self.buf.len() {
            return Err(corrupt("vector past end of buffer"));
        }
        Ok((start + 4, len))
    }

    pub fn bytes(&self, index: usize) -> Result<&'a [u8]> {
        let (start, len) = self.vector(index, 1)?;
        Ok(&self.buf[start..start + len])
    }

    pub fn string(&self, index: usize) -> Result<String> {
        Ok(String::from_utf8_lossy(self.bytes(index)?).into_owned())
    }

    pub fn i32s(&self, index: usize) -> Result<Vec<i32>> {
        let (start, len) = self.vector(index, 4)?;
        (0..len).map(|i| Ok(read_u32(self.buf, start + 4 * i)? as i32)).collect()
    }

    pub fn f32s(&self, index: usize) -> Result<Vec<f32>> {
        let (start, len) = self.vector(index, 4)?;
        (0..len).map(|i| Ok(f32::from_bits(read_u32(self.buf, start + 4 * i)?))).collect()
    }

    pub fn i64s(&self, index: usize) -> Result<Vec<i64>> {
        let (start, len) = self.vector(index, 8)?;
        (0..len)
            .map(|i| {
                let p = start + 8 * i;
                let lo = read_u32(self.buf, p)? as u64;
                let hi = read_u32(self.buf, p + 4)? as u64;
                Ok((hi << 32 | lo) as i64)
            })
            .collect()
    }

    pub fn tables(&self, index: usize) -> Result<Vec<Table<'a>>> {
        let (start, len) = self.vector(index, 4)?;
        (0..len).map(|i| Table::at(self.buf, follow(self.buf, start + 4 * i)?)).collect()
    }
}
