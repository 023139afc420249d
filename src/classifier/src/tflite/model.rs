//! The parts of the TFLite schema (tensorflow/lite/schema/schema.fbs) this classifier needs:
//! tensors with per-tensor uint8/int32 quantisation, and the six operators of MobileNetV2.

use super::flatbuffer::Table;
use crate::error::ClassifyError;

type Result<T> = std::result::Result<T, ClassifyError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TensorType {
    UInt8,
    Int32,
}

#[derive(Debug, Clone)]
pub struct Tensor<'a> {
    pub name: String,
    pub shape: Vec<usize>,
    pub ty: TensorType,
    pub scale: f32,
    pub zero_point: i32,
    /// Constant data (weights, biases); empty for activations.
    pub data: &'a [u8],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Padding {
    Same,
    Valid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    None,
    Relu,
    Relu6,
}

#[derive(Debug, Clone)]
pub enum OperatorKind {
    Conv2d { padding: Padding, stride: (usize, usize), activation: Activation },
    DepthwiseConv2d { padding: Padding, stride: (usize, usize), multiplier: usize, activation: Activation },
    Add { activation: Activation },
    AveragePool2d { padding: Padding, stride: (usize, usize), filter: (usize, usize), activation: Activation },
    Reshape,
    Softmax { beta: f32 },
}

#[derive(Debug, Clone)]
pub struct Operator {
    pub kind: OperatorKind,
    pub inputs: Vec<usize>,
    pub outputs: Vec<usize>,
}

#[derive(Debug)]
pub struct Model<'a> {
    pub tensors: Vec<Tensor<'a>>,
    pub operators: Vec<Operator>,
    pub inputs: Vec<usize>,
    pub outputs: Vec<usize>,
}

// BuiltinOperator codes from schema.fbs.
const ADD: i32 = 0;
const AVERAGE_POOL_2D: i32 = 1;
const CONV_2D: i32 = 3;
const DEPTHWISE_CONV_2D: i32 = 4;
const RESHAPE: i32 = 22;
const SOFTMAX: i32 = 25;

fn unsupported(what: String) -> ClassifyError {
    ClassifyError::model(format!(
        "{what}; this classifier runs only CONV_2D, DEPTHWISE_CONV_2D, ADD, AVERAGE_POOL_2D, RESHAPE and \
         SOFTMAX on uint8 per-tensor quantised tensors"
    ))
}

fn operator_name(code: i32) -> String {
    match code {
        ADD => "ADD".into(),
        AVERAGE_POOL_2D => "AVERAGE_POOL_2D".into(),
        CONV_2D => "CONV_2D".into(),
        DEPTHWISE_CONV_2D => "DEPTHWISE_CONV_2D".into(),
        RESHAPE => "RESHAPE".into(),
        SOFTMAX => "SOFTMAX".into(),
        other => format!("builtin operator {other}"),
    }
}

fn padding(code: u8) -> Result<Padding> {
    match code {
        0 => Ok(Padding::Same),
        1 => Ok(Padding::Valid),
        other => Err(unsupported(format!("padding code {other}"))),
    }
}

fn activation(code: u8) -> Result<Activation> {
    match code {
        0 => Ok(Activation::None),
        1 => Ok(Activation::Relu),
        3 => Ok(Activation::Relu6),
        other => Err(unsupported(format!("fused activation code {other}"))),
    }
}

fn positive(value: i32, what: &str) -> Result<usize> {
    usize::try_from(value).ok().filter(|&v| v > 0).ok_or_else(|| ClassifyError::model(format!("{what} = {value}")))
}

fn indices(values: Vec<i32>, tensor_count: usize) -> Result<Vec<usize>> {
    values
        .into_iter()
        .map(|i| usize::try_from(i).ok().filter(|&i| i < tensor_count))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| ClassifyError::model("operator refers to a tensor that does not exist (optional inputs are not supported)"))
}

impl<'a> Model<'a> {
    pub fn parse(buf: &'a [u8]) -> Result<Self> {
        if buf.get(4..8) != Some(b"TFL3") {
            return Err(ClassifyError::model("not a TFLite model (file identifier TFL3 missing)"));
        }
        let root = Table::root(buf)?;
        let opcodes = root
            .tables(1)?
            .iter()
            .map(|code| {
                // Older files only set the deprecated byte field; newer ones set both.
                let deprecated = code.u8_or(0, 0)? as i32;
                Ok(deprecated.max(code.i32_or(3, 0)?))
            })
            .collect::<Result<Vec<i32>>>()?;
        let buffers = root.tables(4)?;
        let subgraphs = root.tables(2)?;
        if subgraphs.len() != 1 {
            return Err(unsupported(format!("{} subgraphs (expected 1)", subgraphs.len())));
        }
        let graph = subgraphs[0];

        let mut tensors = Vec::new();
        for t in graph.tables(0)? {
            let name = t.string(3)?;
            let shape = t.i32s(0)?.into_iter().map(|d| positive(d, "tensor dimension")).collect::<Result<Vec<_>>>()?;
            let ty = match t.u8_or(1, 0)? {
                2 => TensorType::Int32,
                3 => TensorType::UInt8,
                other => return Err(unsupported(format!("tensor `{name}` has type code {other}"))),
            };
            let (scale, zero_point) = match t.table(4)? {
                Some(q) => {
                    let scales = q.f32s(2)?;
                    let zero_points = q.i64s(3)?;
                    if scales.len() > 1 || zero_points.len() > 1 {
                        return Err(unsupported(format!("tensor `{name}` is quantised per channel")));
                    }
                    (scales.first().copied().unwrap_or(0.0), zero_points.first().copied().unwrap_or(0) as i32)
                }
                None => (0.0, 0),
            };
            let buffer_index = t.i32_or(2, 0)? as usize;
            let data = match buffers.get(buffer_index) {
                Some(b) => b.bytes(0)?,
                None => return Err(ClassifyError::model(format!("tensor `{name}` refers to missing buffer {buffer_index}"))),
            };
            tensors.push(Tensor { name, shape, ty, scale, zero_point, data });
        }

        let mut operators = Vec::new();
        for op in graph.tables(3)? {
            let code = *opcodes
                .get(op.i32_or(0, 0)? as usize)
                .ok_or_else(|| ClassifyError::model("operator refers to a missing operator code"))?;
            let options = op.table(4)?;
            let opt_u8 = |i: usize, d: u8| options.map_or(Ok(d), |o| o.u8_or(i, d));
            let opt_i32 = |i: usize, d: i32| options.map_or(Ok(d), |o| o.i32_or(i, d));
            let kind = match code {
                CONV_2D => {
                    if opt_i32(4, 1)? != 1 || opt_i32(5, 1)? != 1 {
                        return Err(unsupported("dilated CONV_2D".into()));
                    }
                    OperatorKind::Conv2d {
                        padding: padding(opt_u8(0, 0)?)?,
                        stride: (positive(opt_i32(2, 1)?, "stride_h")?, positive(opt_i32(1, 1)?, "stride_w")?),
                        activation: activation(opt_u8(3, 0)?)?,
                    }
                }
                DEPTHWISE_CONV_2D => {
                    if opt_i32(5, 1)? != 1 || opt_i32(6, 1)? != 1 {
                        return Err(unsupported("dilated DEPTHWISE_CONV_2D".into()));
                    }
                    OperatorKind::DepthwiseConv2d {
                        padding: padding(opt_u8(0, 0)?)?,
                        stride: (positive(opt_i32(2, 1)?, "stride_h")?, positive(opt_i32(1, 1)?, "stride_w")?),
                        multiplier: positive(opt_i32(3, 1)?, "depth_multiplier")?,
                        activation: activation(opt_u8(4, 0)?)?,
                    }
                }
                ADD => OperatorKind::Add { activation: activation(opt_u8(0, 0)?)? },
                AVERAGE_POOL_2D => OperatorKind::AveragePool2d {
                    padding: padding(opt_u8(0, 0)?)?,
                    stride: (positive(opt_i32(2, 1)?, "stride_h")?, positive(opt_i32(1, 1)?, "stride_w")?),
                    filter: (positive(opt_i32(4, 1)?, "filter_height")?, positive(opt_i32(3, 1)?, "filter_width")?),
                    activation: activation(opt_u8(5, 0)?)?,
                },
                RESHAPE => OperatorKind::Reshape,
                SOFTMAX => OperatorKind::Softmax { beta: options.map_or(Ok(1.0), |o| o.f32_or(0, 1.0))? },
                other => return Err(unsupported(format!("the model uses {}", operator_name(other)))),
            };
            let count = tensors.len();
            operators.push(Operator { kind, inputs: indices(op.i32s(1)?, count)?, outputs: indices(op.i32s(2)?, count)? });
        }
        let count = tensors.len();
        Ok(Model { inputs: indices(graph.i32s(1)?, count)?, outputs: indices(graph.i32s(2)?, count)?, tensors, operators })
    }
}
