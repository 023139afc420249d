//! Reading TFLite models: the FlatBuffers container and the schema's tables.
pub mod flatbuffer;
pub mod model;
