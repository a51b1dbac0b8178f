package io.thinkmeter.ops; final class Placeholder {}
